from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    """B2B companies: applications, approval, members, credit and payment terms.

    The label stays ``accounts`` so existing tables, migration history and the
    staff groups' permission codenames (``accounts.change_company``) keep working.
    """

    name = "commerce.companies"
    label = "accounts"
    verbose_name = _("Business customers")
