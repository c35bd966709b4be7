from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz (see ronghe.core.backup)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="archive path (default var/backups/ronghe-<time>.tar.gz)")

    def handle(self, *args, output=None, **options):
        from ronghe.core.backup import backup

        path = backup(output)
        self.stdout.write(self.style.SUCCESS(f"backup written: {path}"))
