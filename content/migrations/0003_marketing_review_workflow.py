"""Group "Marketing" with page edit/publish rights, and the "Marketing review" moderation workflow.

get_or_create throughout: commerce extends the Marketing and Operations groups later, and
this migration must neither duplicate nor reset what it finds.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
                          ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")]


def ensure_permissions(apps):
    # Permissions are normally made after migrate; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original


def create_marketing_review(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    marketing, _ = Group.objects.get_or_create(name="Marketing")
    marketing.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=marketing, page=root, permission=permission)
    collection_root = Collection.objects.filter(depth=1).first()
    if collection_root is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=marketing, collection=collection_root, permission=permission
                )

    task = GroupApprovalTask.objects.filter(name="Marketing approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Marketing approval",
            active=True,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        )
    task.groups.add(marketing)
    workflow, _ = Workflow.objects.get_or_create(name="Marketing review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_site_settings_navigation_search_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_marketing_review, migrations.RunPython.noop)]
