"""Views of the articles app, one module per page family."""

from articles.views.browse import article_detail, article_list
from articles.views.coverage import coverage
from articles.views.editing import add_article, confirm_mention, fetch_status, reject_mention

__all__ = [
    "add_article",
    "article_detail",
    "article_list",
    "confirm_mention",
    "coverage",
    "fetch_status",
    "reject_mention",
]
