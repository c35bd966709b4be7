from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (django-tasks database backend). Run several for scale-out."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Process what is queued, then exit")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, batch, interval, **options):
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            queue_name="*",
            no_startup_delay=batch,
            verbosity=options.get("verbosity", 1),
        )
