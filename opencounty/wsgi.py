import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
application = get_wsgi_application()

# What start-up loaded (Django, Wagtail, the URLs, the translations...) lives as long as the
# process. Kept out of the garbage collector's full passes, which otherwise walk all of it
# every few requests: one request in five or so paid 100-140 ms more (docs/performance.md).
gc.freeze()
