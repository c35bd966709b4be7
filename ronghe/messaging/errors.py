from django.utils.translation import gettext_lazy as _

from ronghe.core.errors import ValidationFailed


class NoRecipients(ValidationFailed):
    code = "messaging.no_recipients"
    default_message = _("Choose at least one recipient.")
