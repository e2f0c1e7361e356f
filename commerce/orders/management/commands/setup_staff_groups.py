from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.core.management.base import BaseCommand

from commerce.orders.staff_groups import setup_staff_groups


class Command(BaseCommand):
    help = 'Create or refresh the "Operations" and "Marketing" staff groups (idempotent).'

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        setup_staff_groups(apps)
        self.stdout.write("Staff groups Operations and Marketing are up to date.")
