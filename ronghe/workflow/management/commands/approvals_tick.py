from django.core.management.base import BaseCommand

from ronghe.workflow.services import deadlines_process


class Command(BaseCommand):
    help = "Send deadline reminders and escalate overdue approval tasks now (the worker also does it at each deadline)."

    def handle(self, *args, **options):
        counts = deadlines_process()
        self.stdout.write(f"reminded {counts['reminded']}, escalated {counts['escalated']}")
