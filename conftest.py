"""Shared test fixtures. The demo company is loaded once per test database (session) so tests stay fast;
each test runs in a transaction rolled back afterwards. Transactional tests (live server, concurrency)
run last (pytest-django orders them so) and load what they need themselves."""

import itertools

import pytest
from django.core.management import call_command


def pytest_configure(config):
    """Tests that commit (demo load, live server, races) check the chain right away: no batching of seals."""
    from django.conf import settings

    settings.RONGHE_AUDIT_SEAL_INTERVAL = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", verbosity=0)


@pytest.fixture
def demo_company(db):
    from ronghe.core.demo import demo_company

    company = demo_company()
    if company is None:  # after a transactional test flushed the database
        call_command("demo", verbosity=0)
        company = demo_company()
    return company


@pytest.fixture
def users(demo_company):
    from ronghe.core.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def admin_user_demo(users):
    return users["admin"]


@pytest.fixture
def other_company(db):
    from ronghe.core.models import User
    from ronghe.core.services import company_create, membership_set

    boss = User.objects.create_user(username="other_boss", password="x-Pass-1234")
    company = company_create(actor=None, name="另一家贸易有限公司", uscc=None)
    membership_set(company=company, user=boss, is_admin=True)
    return company


def login(client, user):
    client.force_login(user)
    return client


_books = itertools.count(1)


@pytest.fixture
def books(users):
    """A fresh company with the standard chart: (company, preparer 周敏, reviewer 孙丽), both administrators."""
    from ronghe.accounting.services import coa_install
    from ronghe.core.services import company_create, membership_set

    prep, rev = users["zhoumin"], users["sunli"]
    co = company_create(actor=rev, name=f"账套测试公司{next(_books)}")
    membership_set(company=co, user=prep, is_admin=True)
    coa_install(company=co, actor=rev)
    return co, prep, rev
