"""All demo articles; the shape of an entry is ``data_types.ArticleData``."""

from .articles_data_kitchen import KITCHEN_ARTICLES
from .articles_data_technique import TECHNIQUE_ARTICLES
from .data_types import ArticleData

ARTICLES: list[ArticleData] = [*TECHNIQUE_ARTICLES, *KITCHEN_ARTICLES]
