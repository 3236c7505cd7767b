"""All demo recipes: real dishes across the loader's cuisines, courses and diets.

Each course or cuisine group lives in its own ``recipes_data_*`` module so none grows
past a readable size; the shape of an entry is ``data_types.RecipeData``.
"""

from .data_types import RecipeData
from .recipes_data_breakfast import BREAKFAST
from .recipes_data_mains_asian import ASIAN_MAINS
from .recipes_data_mains_european import EUROPEAN_MAINS
from .recipes_data_mains_family import FAMILY_MAINS
from .recipes_data_sides import SIDES
from .recipes_data_starters import STARTERS
from .recipes_data_sweet import SWEET

RECIPES: list[RecipeData] = [
    *BREAKFAST,
    *STARTERS,
    *EUROPEAN_MAINS,
    *ASIAN_MAINS,
    *FAMILY_MAINS,
    *SIDES,
    *SWEET,
]
