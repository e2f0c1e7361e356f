from wagtail import hooks

from integrations.admin_viewsets import ProviderLogViewSetGroup


@hooks.register("register_admin_viewset")
def register_provider_logs():
    return ProviderLogViewSetGroup()
