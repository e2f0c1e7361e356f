"""`manage.py import_products FILE.csv`: the operations team's product sheet → catalogue (see docs/import.md)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalog.importing.service import import_products


class Command(BaseCommand):
    help = "Create or update products and variants from a UTF-8 CSV (all-or-nothing unless --skip-invalid)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="UTF-8 CSV with a header row (format: docs/import.md).")
        parser.add_argument("--skip-invalid", action="store_true", help="Import valid products, skip invalid rows.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and show the changes; write nothing.")

    def handle(self, *args, file: Path, skip_invalid: bool, dry_run: bool, verbosity: int, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error

        def progress(items):
            items = list(items)
            return tqdm(items, desc="Import", unit=" Produkte", disable=verbosity < 1, file=sys.stderr)

        try:
            report = import_products(content, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8: {error}") from error

        if verbosity >= 2:
            for change in report.changes:
                self.stdout.write(f"{change.action:9} {change.product_key} {change.title}: {'; '.join(change.details)}")
        for error in report.errors:
            self.stderr.write(f"line {error.line}: {error.reason}")
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary}.")
        if report.errors and not skip_invalid:
            raise CommandError(
                f"{len(report.errors)} error(s): nothing was imported. Fix the file or use --skip-invalid."
            )
        if report.written:
            self.stdout.write(self.style.SUCCESS("Import finished."))
