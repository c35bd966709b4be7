"""The transaction of a service call (DESIGN §2: every state change runs in a transaction)."""

import functools

from django.db import transaction


def service_transaction(fn):
    """`@transaction.atomic` for services. Called by a view, a task or a test, the service gets its own
    savepoint (when a transaction is already open), so the caller can handle its error and carry on. Called by
    another service it joins that service's transaction without a savepoint: services do not catch each
    other's errors — any error rolls the whole outer call back — so the savepoint would only cost two
    statements."""

    @functools.wraps(fn)
    def inner(*args, **kwargs):
        connection = transaction.get_connection()
        depth = connection.__dict__.get("_ronghe_service_depth", 0)
        with transaction.atomic(savepoint=depth == 0):
            connection._ronghe_service_depth = depth + 1
            try:
                return fn(*args, **kwargs)
            finally:
                connection._ronghe_service_depth = depth

    return inner
