from django.core.management.base import BaseCommand, CommandError

from ronghe.core.registry import integrity_checks


class Command(BaseCommand):
    help = "Recompute maintained data (audit chain, sequences, and every module's checks) and report differences."

    def handle(self, *args, **options):
        failures = 0
        for check in integrity_checks:
            problems = check.fn()
            status = "ok" if not problems else f"{len(problems)} problem(s)"
            self.stdout.write(f"{check.name}: {status}")
            for p in problems[:50]:
                self.stdout.write(f"  - {p}")
            failures += len(problems)
        if failures:
            raise CommandError(f"integrity check found {failures} problem(s)")
        self.stdout.write(self.style.SUCCESS("integrity: clean"))
