from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with a backup's (stop web and workers first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, archive, yes=False, **options):
        from ronghe.core.backup import restore

        if not yes and input(f"Replace this database and its uploads with {archive}? [y/N] ").lower() != "y":
            raise CommandError("cancelled")
        result = restore(archive)
        for d in result["differences"]:
            self.stdout.write(f"  - {d}")
        if result["differences"]:
            raise CommandError(f"restored, but {len(result['differences'])} table(s) differ from the backup")
        self.stdout.write(
            self.style.SUCCESS(f"restored: {result['tables']} tables, row counts as in the backup")
        )
