import catalog.importing.admin  # noqa: F401 - registers the product import view and menu item
