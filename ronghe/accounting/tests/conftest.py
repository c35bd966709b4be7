import itertools

import pytest

from ronghe.accounting.services import coa_install
from ronghe.core.services import company_create, membership_set

_n = itertools.count(1)


@pytest.fixture
def books(users):
    """A fresh company with the standard chart: (company, preparer 周敏, reviewer 孙丽), both administrators."""
    prep, rev = users["zhoumin"], users["sunli"]
    co = company_create(actor=rev, name=f"账套测试公司{next(_n)}")
    membership_set(company=co, user=prep, is_admin=True)
    coa_install(company=co, actor=rev)
    return co, prep, rev
