"""Placeholder from the content branch: registers the snippets the block library chooses from.

The catalog branch owns this module; its version (with full viewsets) wins at merge.
"""

from wagtail.snippets.models import register_snippet

from catalog.models import Attribute, Brand, Certification

for snippet_model in (Brand, Certification, Attribute):
    register_snippet(snippet_model)
