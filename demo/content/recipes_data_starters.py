"""Demo recipes: starters, dips and soups."""

from .data_types import RecipeData

STARTERS: list[RecipeData] = [
    {
        "slug": "guacamole",
        "title": "Guacamole",
        "summary": (
            "Chunky, bright guacamole made the traditional way: a paste of onion, chilli and "
            "coriander first, then ripe avocado and plenty of lime."
        ),
        "palette": "greens",
        "image_alt": (
            "A stone bowl of chunky green guacamole with diced tomato and coriander, surrounded by "
            "tortilla chips"
        ),
        "cuisine": "Mexican",
        "course": "Starter",
        "diets": ["Vegan", "Vegetarian", "Gluten free", "Dairy free"],
        "tags": ["party", "quick", "no-cook"],
        "difficulty": "easy",
        "prep_minutes": 10,
        "cook_minutes": 0,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["chicken-enchiladas", "huevos-rancheros", "pozole-rojo"],
        "ingredients": [
            (
                "",
                [
                    ("3", "", "ripe avocados", ""),
                    ("1/2", "", "white onion", "very finely chopped"),
                    ("1", "", "serrano or jalapeño chilli", "finely chopped"),
                    ("1", "handful", "coriander", "chopped"),
                    ("1/2", "tsp", "flaky sea salt", ""),
                    ("1", "", "lime", "juiced"),
                    ("1", "", "tomato", "deseeded and diced (optional)"),
                ],
            ),
        ],
        "method": [
            (
                "Grind the onion, chilli, half the coriander and the salt to a rough paste in a "
                "molcajete or pestle and mortar, or mash them with a fork in a bowl."
            ),
            (
                "Halve the avocados, remove the stones and scoop the flesh into the bowl. Mash "
                "coarsely: you want some chunks."
            ),
            (
                "Fold in the lime juice, tomato and the rest of the coriander. Taste and add more "
                "salt or lime until it tastes bright."
            ),
            "Serve straight away with tortilla chips, or with tacos and enchiladas.",
        ],
        "tips": [
            (
                "To keep guacamole green for a few hours, press cling film directly onto its "
                "surface. Leaving the stone in does not help."
            ),
            "A ripe avocado yields to gentle pressure near the stalk end.",
        ],
    },
    {
        "slug": "hummus",
        "title": "Silky hummus",
        "summary": (
            "Hummus as smooth as a Beirut café's. Simmering tinned chickpeas with bicarbonate of "
            "soda and whipping them with ice-cold water does it."
        ),
        "palette": "bread",
        "image_alt": (
            "A shallow bowl of smooth hummus swirled with olive oil, dusted with paprika and "
            "scattered with parsley"
        ),
        "cuisine": "Middle Eastern",
        "course": "Starter",
        "diets": ["Vegan", "Vegetarian", "Gluten free", "Dairy free"],
        "tags": ["party", "make-ahead", "pantry"],
        "difficulty": "easy",
        "prep_minutes": 10,
        "cook_minutes": 20,
        "yield_amount": 6,
        "yield_unit": "servings",
        "authors": ["Amara Okafor"],
        "related": ["falafel", "tabbouleh", "shakshuka"],
        "ingredients": [
            (
                "For the hummus",
                [
                    ("2", "can", "chickpeas", "400 g each, drained"),
                    ("1/2", "tsp", "bicarbonate of soda", ""),
                    ("1", "clove", "garlic", ""),
                    ("3", "tbsp", "lemon juice", ""),
                    ("120", "g", "tahini", "well stirred"),
                    ("60", "ml", "ice-cold water", ""),
                    ("1/2", "tsp", "ground cumin", ""),
                    ("", "to_taste", "salt", ""),
                ],
            ),
            (
                "To serve",
                [
                    ("2", "tbsp", "extra virgin olive oil", ""),
                    ("1/2", "tsp", "sweet paprika", ""),
                    ("1", "tbsp", "flat-leaf parsley", "chopped"),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Blend the garlic with the lemon juice and a pinch of salt and leave it to "
                    "stand: the acid tames the raw garlic."
                ),
                10,
            ),
            (
                (
                    "Meanwhile, put the chickpeas and bicarbonate of soda in a pan, cover with "
                    "water by 5 cm and simmer until the chickpeas are very soft and their skins "
                    "float free."
                ),
                20,
            ),
            (
                "Drain the chickpeas. Add the tahini to the lemon and garlic and blend until thick "
                "and pale."
            ),
            (
                (
                    "Add the chickpeas and blend for a good four minutes, pouring in the iced "
                    "water a little at a time, until the hummus is whipped and silky."
                ),
                4,
            ),
            (
                "Season with the cumin and salt to taste. Spread in a shallow bowl, make a swirl "
                "with the back of a spoon and finish with olive oil, paprika and parsley."
            ),
        ],
        "tips": [
            (
                "Hummus thickens in the fridge; loosen it with a spoonful of iced water before "
                "serving."
            ),
            "Keeps for four days, covered, in the fridge.",
        ],
        "nutrition": (250, "9", "18", "16"),
    },
    {
        "slug": "falafel",
        "title": "Crisp herb falafel",
        "summary": (
            "Green-centred falafel with a shattering crust, made from soaked (never tinned) "
            "chickpeas and served with a lemony tahini sauce."
        ),
        "palette": "greens",
        "image_alt": (
            "Golden falafel split open to show a bright green herb centre, with a bowl of tahini "
            "sauce"
        ),
        "cuisine": "Middle Eastern",
        "course": "Starter",
        "diets": ["Vegan", "Vegetarian", "Gluten free", "Dairy free"],
        "tags": ["party", "street food", "make-ahead"],
        "difficulty": "medium",
        "prep_minutes": 30,
        "cook_minutes": 20,
        "yield_amount": 24,
        "yield_unit": "falafel",
        "authors": ["Amara Okafor"],
        "related": ["hummus", "tabbouleh"],
        "ingredients": [
            (
                "For the falafel",
                [
                    ("250", "g", "dried chickpeas", "soaked in cold water for 12 to 24 hours"),
                    ("1/2", "", "onion", "roughly chopped"),
                    ("3", "clove", "garlic", ""),
                    ("1", "bunch", "flat-leaf parsley", "leaves and tender stems"),
                    ("1", "bunch", "coriander", "leaves and tender stems"),
                    ("2", "tsp", "ground cumin", ""),
                    ("1", "tsp", "ground coriander", ""),
                    ("1", "tsp", "salt", ""),
                    ("1/2", "tsp", "bicarbonate of soda", ""),
                    ("2", "tbsp", "gram flour", ""),
                    ("1", "l", "vegetable oil", "for deep-frying"),
                ],
            ),
            (
                "For the tahini sauce",
                [
                    ("4", "tbsp", "tahini", ""),
                    ("1", "", "lemon", "juiced"),
                    ("1", "clove", "garlic", "finely grated"),
                    ("4", "tbsp", "cold water", ""),
                    ("", "to_taste", "salt", ""),
                ],
            ),
        ],
        "method": [
            "Drain the soaked chickpeas well and pat them dry with a clean tea towel.",
            (
                "Pulse the chickpeas, onion, garlic, herbs, spices and salt in a food processor "
                "until the mixture looks like coarse sand and holds together when squeezed. Scrape "
                "down the sides often."
            ),
            (
                (
                    "Stir in the bicarbonate of soda and gram flour, then cover and chill so the "
                    "mixture firms up."
                ),
                30,
            ),
            (
                "Whisk the tahini, lemon juice and garlic, adding the water a spoonful at a time "
                "until the sauce is smooth and pourable. Season with salt."
            ),
            (
                "Heat the oil in a deep, heavy pan to 175°C. Shape the mixture into 24 balls or "
                "small patties with damp hands."
            ),
            (
                (
                    "Fry in batches of six, turning once, until deep brown. Drain on kitchen paper "
                    "and serve hot with the tahini sauce, salad and pickles."
                ),
                4,
            ),
        ],
        "step_images": {
            6: "Deep brown falafel draining on kitchen paper beside a bowl of tahini sauce",
        },
        "tips": [
            "Tinned chickpeas are too wet and make falafel fall apart in the oil: soak dried ones.",
            "The uncooked mixture freezes well for up to a month; shape and fry from thawed.",
        ],
    },
    {
        "slug": "miso-soup",
        "title": "Miso soup with tofu and wakame",
        "summary": (
            "A clean, savoury miso soup on a vegan kombu and shiitake dashi. Ready in minutes once "
            "the dashi has soaked."
        ),
        "palette": "ocean",
        "image_alt": (
            "A lacquered bowl of miso soup with cubes of silken tofu, wakame and sliced spring "
            "onion"
        ),
        "cuisine": "Japanese",
        "course": "Starter",
        "diets": ["Vegan", "Vegetarian", "Dairy free", "Low calorie"],
        "tags": ["quick", "light"],
        "difficulty": "easy",
        "prep_minutes": 35,
        "cook_minutes": 10,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["chicken-katsu-curry", "okonomiyaki"],
        "ingredients": [
            (
                "For the dashi",
                [
                    ("1", "l", "cold water", ""),
                    ("10", "g", "kombu", "a piece about 10 cm square"),
                    ("4", "", "dried shiitake mushrooms", ""),
                ],
            ),
            (
                "For the soup",
                [
                    ("1", "tbsp", "dried wakame", ""),
                    ("200", "g", "silken tofu", "cut into 1 cm cubes"),
                    ("3", "tbsp", "white miso", ""),
                    ("2", "", "spring onions", "thinly sliced"),
                ],
            ),
        ],
        "method": [
            {"section": "Make the dashi"},
            ("Put the water, kombu and shiitake in a saucepan and leave them to soak.", 30),
            (
                (
                    "Heat slowly. Lift out the kombu just before the water boils, then simmer the "
                    "shiitake for a few minutes. Strain, slice the shiitake and return them to the "
                    "pan."
                ),
                5,
            ),
            {"section": "Finish the soup"},
            ("Soak the wakame in cold water until it unfurls, then drain.", 5),
            ("Add the tofu to the dashi and warm it through over a low heat.", 3),
            (
                "Put the miso in a ladle, lower it into the pan and whisk it in with chopsticks "
                "until dissolved. Do not let the soup boil again or the miso loses its aroma."
            ),
            "Add the wakame, ladle into bowls and scatter with spring onions.",
        ],
        "tips": [
            (
                "For a classic dashi, add 15 g katsuobushi (bonito flakes) after removing the "
                "kombu, steep for five minutes and strain. The soup is then no longer vegan."
            ),
        ],
        "nutrition": (70, "5.5", "5", "3"),
    },
]
