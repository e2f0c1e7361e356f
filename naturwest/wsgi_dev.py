"""Dev server entry point: the shop plus every provider sandbox mounted under /_sandbox/<name>/.

`make run` needs no credentials: the default provider base URLs point here. Production
never imports this module.
"""

from django.core.wsgi import get_wsgi_application

from integrations.sandbox.mount import mount_sandboxes

application = mount_sandboxes(get_wsgi_application())
