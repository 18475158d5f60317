from django import template
from django.utils.safestring import mark_safe

from portal.toolkit.glossary import glossary_page_for, link_glossary_terms, linkable_terms

register = template.Library()


class GlossaryNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        page = context.get("page")
        request = context.get("request")
        if page is None:
            return html
        glossary = glossary_page_for(page)
        glossary_url = glossary.get_url(request) if glossary is not None else None
        if not glossary_url:  # no live glossary, or one outside every site
            return html
        return mark_safe(link_glossary_terms(html, linkable_terms(page.locale), glossary_url))  # noqa: S308


@register.tag
def glossary_links(parser, token):
    """{% glossary_links %}...{% endglossary_links %}: link glossary terms in the enclosed HTML."""
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)
