"""Reads of timelines. A record's timeline is visible exactly when the record is (same selector gate)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from ronghe.core.errors import NotFound
from ronghe.core.scoping import scope_queryset

from .models import Activity, ActivityState, Attachment, Follower, HasTimeline, Message, Notification


def record_get_for_user(*, label: str, pk: int, user, company):
    """The record `label`/`pk` if the user may view it in the company; NotFound otherwise (also out of scope)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise NotFound()
    if not issubclass(model, HasTimeline):
        raise NotFound()
    if hasattr(model, "timeline_get_for_user"):  # the model decides who sees it (e.g. approval participants)
        return model.timeline_get_for_user(pk=pk, user=user, company=company)
    perm = f"{model._meta.app_label}.view_{model._meta.model_name}"
    from ronghe.core.errors import PermissionDenied

    try:
        qs = scope_queryset(model._default_manager.all(), user=user, company=company, perm=perm)
    except PermissionDenied:
        raise NotFound()
    record = qs.filter(pk=pk).first()
    if record is None:
        raise NotFound()
    return record


def _for(record, model):
    ct = ContentType.objects.get_for_model(type(record))
    return model.objects.filter(content_type=ct, object_id=record.pk)


def message_list(*, record, limit: int = 50):
    return _for(record, Message).select_related("author").prefetch_related("mentions")[:limit]


def activity_list(*, record, include_done: bool = True):
    qs = _for(record, Activity).select_related("assignee", "done_by")
    if not include_done:
        qs = qs.filter(state=ActivityState.OPEN)
    return qs


def attachment_list(*, record):
    return _for(record, Attachment).select_related("uploaded_by")


def follower_list(*, record):
    return _for(record, Follower).select_related("user")


def my_open_activities(*, user, company, limit: int = 10):
    return (
        Activity.objects.filter(assignee=user, company=company, state=ActivityState.OPEN)
        .select_related("content_type")
        .order_by("due_date", "id")[:limit]
    )


def my_activity_counts(*, user, company) -> dict:
    today = timezone.localdate()
    return Activity.objects.filter(assignee=user, company=company, state=ActivityState.OPEN).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(due_date__lt=today)),
        today=Count("id", filter=Q(due_date=today)),
    )


def notification_list(*, user, unread_only: bool = False, limit: int = 30):
    qs = Notification.objects.filter(user=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs[:limit]


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def attachment_get_for_user(*, pk: int, user, company) -> Attachment:
    att = Attachment.objects.filter(pk=pk, company=company).select_related("content_type").first()
    if att is None:
        raise NotFound()
    record_get_for_user(
        label=att.content_type.model_class()._meta.label_lower, pk=att.object_id, user=user, company=company
    )
    return att
