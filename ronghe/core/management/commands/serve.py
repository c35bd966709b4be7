import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the production web server (gunicorn) with the Ronghe WSGI application."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("RONGHE_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("RONGHE_WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("RONGHE_WEB_THREADS", "4")))

    def handle(self, *args, bind, workers, threads, **options):
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "ronghe.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
            "--graceful-timeout",
            "20",
        ]
        os.execv(sys.executable, argv)
