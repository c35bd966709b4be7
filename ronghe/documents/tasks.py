"""Background jobs of the library: thin, idempotent."""

from django_tasks import task

from ronghe.core.context import acting


@task()
def extract_text_task(*, version_id: int) -> str:
    from .services import version_extract

    with acting(via="task"):
        return version_extract(version_id=version_id)
