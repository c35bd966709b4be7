"""CRM's recurring job: customers without a follow-up for their team's N days go back to the public pool."""

from ronghe.core.models import Company

from .services import pool_return_stale


def pool_return_all() -> int:
    """Scheduled hourly (core.scheduler) for every active company; idempotent."""
    return sum(pool_return_stale(company=c) for c in Company.objects.filter(active=True).order_by("pk"))
