from django.core.management.base import BaseCommand

from ronghe.core.registry import demo_steps


class Command(BaseCommand):
    help = "Load the demo company 示例科技有限公司 (idempotent)."

    def handle(self, *args, **options):
        company = None
        for step in demo_steps:
            result = step.fn(company=company, stdout=self.stdout)
            if company is None:
                company = result
            self.stdout.write(f"demo: {step.name} ok")
        self.stdout.write(self.style.SUCCESS(f"demo company ready: {company}"))
