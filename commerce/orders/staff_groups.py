"""The two staff roles: "Operations" runs orders and B2B customers, "Marketing" edits the site.

Marketing never gets a permission on orders, invoices, companies, customers or notifications:
customer data stays with Operations. Run from a data migration (historical `apps`) and from
`manage.py setup_staff_groups` (after an app such as promotions is added). Idempotent: it sets
exactly the permissions listed here.
"""

from __future__ import annotations

OPERATIONS = "Operations"
MARKETING = "Marketing"

# app label → permission codenames; "*" means every permission of that app.
OPERATIONS_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "orders": ["view_order", "change_order", "view_invoice"],
    "accounts": [
        "view_company",
        "change_company",
        "view_companymembership",
        "add_companymembership",
        "change_companymembership",
        "delete_companymembership",
    ],
    "pricing": "*",
    "promotions": "*",  # only when that app is installed
    "notifications": ["view_notification"],
}
MARKETING_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "wagtail_localize": ["submit_translation"],
    "catalog": [
        "add_brand",
        "change_brand",
        "delete_brand",
        "add_certification",
        "change_certification",
        "delete_certification",
        "add_attribute",
        "change_attribute",
        "delete_attribute",
    ],
}
MARKETING_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MARKETING_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def _permissions(Permission, spec: dict):
    found = []
    for app_label, codenames in spec.items():
        queryset = Permission.objects.filter(content_type__app_label=app_label)
        if codenames != "*":
            queryset = queryset.filter(codename__in=codenames)
        found.extend(queryset)
    return found


def setup_staff_groups(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    operations, _ = Group.objects.get_or_create(name=OPERATIONS)
    operations.permissions.set(_permissions(Permission, OPERATIONS_PERMISSIONS))

    marketing, _ = Group.objects.get_or_create(name=MARKETING)
    marketing.permissions.set(_permissions(Permission, MARKETING_PERMISSIONS))

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=MARKETING_PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(group=marketing, page=root, permission=permission)

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for permission in _permissions(Permission, MARKETING_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=marketing, collection=root_collection, permission=permission
            )
