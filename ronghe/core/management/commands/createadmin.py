import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ronghe.core.models import Company, User
from ronghe.core.services import company_create, membership_set


class Command(BaseCommand):
    help = "Create a superuser who administers a company (creating the company if there is none)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Read from RONGHE_ADMIN_PASSWORD or asked for when omitted")
        parser.add_argument("--company", default="", help="Company name for a new installation")

    @transaction.atomic
    def handle(self, *args, username, email, password, company, **options):
        import os

        password = password or os.environ.get("RONGHE_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"user {username} exists")
        user = User.objects.create_superuser(username=username, email=email, password=password)
        target = (
            Company.objects.filter(name=company).first()
            if company
            else Company.objects.order_by("id").first()
        )
        if target is None:
            target = company_create(actor=None, name=company or "我的公司")
        membership_set(company=target, user=user, is_admin=True)
        self.stdout.write(self.style.SUCCESS(f"administrator {username} created for {target}"))
