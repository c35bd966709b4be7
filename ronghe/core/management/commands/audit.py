from django.core.management.base import BaseCommand, CommandError

from ronghe.core.audit import verify_chain
from ronghe.core.models import AuditEntry


class Command(BaseCommand):
    help = "Audit log tools. `ronghe audit verify` recomputes the hash chain and names any tampered row."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        problems = verify_chain()
        if problems:
            for p in problems:
                self.stderr.write(f"TAMPERED: {p}")
            raise CommandError(f"audit chain broken: {len(problems)} problem(s)")
        self.stdout.write(
            self.style.SUCCESS(f"audit chain intact: {AuditEntry.objects.count()} rows verified")
        )
