"""Demo recipes: vegetable sides and salads."""

from .data_types import RecipeData

SIDES: list[RecipeData] = [
    {
        "slug": "aloo-gobi",
        "title": "Aloo gobi",
        "summary": (
            "Potatoes and cauliflower cooked dry with turmeric, cumin and ginger until tender and "
            "lightly browned at the edges. Good with dal or as a main with chapatis."
        ),
        "palette": "curry",
        "image_alt": (
            "Golden turmeric-stained cauliflower florets and potato cubes with green chilli and "
            "fresh coriander"
        ),
        "cuisine": "Indian",
        "course": "Side",
        "diets": ["Vegan", "Vegetarian", "Gluten free", "Dairy free", "Low calorie"],
        "tags": ["weeknight", "one-pot"],
        "difficulty": "easy",
        "prep_minutes": 15,
        "cook_minutes": 35,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Ravi Menon"],
        "related": ["dal-tadka", "chicken-tikka-masala"],
        "ingredients": [
            (
                "",
                [
                    ("3", "tbsp", "vegetable oil", ""),
                    ("1", "tsp", "cumin seeds", ""),
                    ("1", "", "onion", "thinly sliced"),
                    ("3", "clove", "garlic", "finely chopped"),
                    ("1", "piece", "fresh ginger", "thumb-sized, grated"),
                    ("1", "", "green chilli", "finely chopped"),
                    ("1", "tsp", "ground turmeric", ""),
                    ("1", "tsp", "ground coriander", ""),
                    ("1/2", "tsp", "Kashmiri chilli powder", ""),
                    ("2", "", "tomatoes", "chopped"),
                    ("500", "g", "waxy potatoes", "cut into 2 cm cubes"),
                    ("1", "", "cauliflower", "about 700 g, cut into small florets"),
                    ("1", "tsp", "salt", ""),
                    ("1", "tsp", "garam masala", ""),
                    ("1", "handful", "coriander", "chopped"),
                    ("1/2", "", "lemon", "juiced"),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Heat the oil in a wide pan with a lid over a medium heat and add the cumin "
                    "seeds. Let them sizzle until they darken a shade."
                ),
                1,
            ),
            (
                (
                    "Add the onion and cook until golden, then add the garlic, ginger and chilli "
                    "for a minute."
                ),
                8,
            ),
            (
                (
                    "Stir in the turmeric, ground coriander, chilli powder and tomatoes and cook "
                    "until the tomatoes collapse."
                ),
                5,
            ),
            (
                (
                    "Add the potatoes, cauliflower and salt and toss to coat. Add 3 tbsp water, "
                    "cover and cook over a low heat until tender, stirring gently once or twice."
                ),
                20,
            ),
            (
                (
                    "Take off the lid and turn up the heat to drive off any liquid and brown the "
                    "vegetables a little."
                ),
                5,
            ),
            "Sprinkle with the garam masala, coriander and lemon juice and serve.",
        ],
        "tips": ["Stir gently with a flat spatula so the cauliflower keeps its shape."],
        "nutrition": (210, "6", "27", "10"),
    },
    {
        "slug": "ratatouille",
        "title": "Ratatouille",
        "summary": (
            "The Provençal summer stew done properly: each vegetable browned on its own before "
            "they simmer together in a garlicky tomato sauce."
        ),
        "palette": "tomato",
        "image_alt": (
            "A pan of ratatouille with chunks of aubergine, courgette, red and yellow peppers in "
            "tomato sauce with basil"
        ),
        "cuisine": "French",
        "course": "Side",
        "diets": ["Vegan", "Vegetarian", "Gluten free", "Dairy free", "Low calorie"],
        "tags": ["make-ahead", "summer"],
        "difficulty": "medium",
        "prep_minutes": 25,
        "cook_minutes": 70,
        "yield_amount": 6,
        "yield_unit": "servings",
        "authors": ["Amara Okafor"],
        "related": ["shakshuka", "coq-au-vin"],
        "ingredients": [
            (
                "",
                [
                    ("2", "", "aubergines", "cut into 2 cm chunks"),
                    ("1", "tsp", "salt", "for the aubergines"),
                    ("6", "tbsp", "olive oil", "divided"),
                    ("3", "", "courgettes", "cut into 2 cm chunks"),
                    ("2", "", "onions", "sliced"),
                    ("2", "", "red peppers", "cut into 2 cm pieces"),
                    ("1", "", "yellow pepper", "cut into 2 cm pieces"),
                    ("4", "clove", "garlic", "sliced"),
                    ("800", "g", "ripe tomatoes", "peeled and chopped"),
                    ("1", "tbsp", "tomato purée", ""),
                    ("4", "", "sprigs of thyme", ""),
                    ("1", "", "bay leaf", ""),
                    ("1", "handful", "basil leaves", ""),
                    ("", "to_taste", "salt and black pepper", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Toss the aubergine with the salt and leave it in a colander to draw out "
                    "moisture, then pat dry."
                ),
                20,
            ),
            (
                (
                    "Fry the aubergine in 2 tbsp of the oil over a medium-high heat until golden, "
                    "then set aside. Do the same with the courgettes in another 2 tbsp oil."
                ),
                15,
            ),
            (
                (
                    "Lower the heat, add the remaining oil, and cook the onions and peppers slowly "
                    "until soft and sweet. Add the garlic for the last two minutes."
                ),
                15,
            ),
            ("Add the tomatoes, tomato purée, thyme and bay and simmer until thick.", 15),
            (
                (
                    "Return the aubergine and courgettes, cover and simmer gently so the flavours "
                    "mingle."
                ),
                20,
            ),
            "Season, tear in the basil and serve warm or at room temperature.",
        ],
        "tips": [
            (
                "Ratatouille is better the next day. Serve it with crusty bread, over polenta, or "
                "with fried eggs on top."
            ),
        ],
    },
    {
        "slug": "tabbouleh",
        "title": "Tabbouleh",
        "summary": (
            "A Lebanese herb salad, not a grain salad: a mountain of finely chopped parsley and "
            "mint with just a little bulgur, tomato and a sharp lemon dressing."
        ),
        "palette": "greens",
        "image_alt": (
            "A bowl of vivid green tabbouleh with finely chopped parsley, mint, diced tomato and "
            "bulgur"
        ),
        "cuisine": "Middle Eastern",
        "course": "Side",
        "diets": ["Vegan", "Vegetarian", "Dairy free", "Low calorie"],
        "tags": ["summer", "no-cook", "quick"],
        "difficulty": "easy",
        "prep_minutes": 25,
        "cook_minutes": 0,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Amara Okafor"],
        "related": ["falafel", "hummus"],
        "ingredients": [
            (
                "",
                [
                    ("50", "g", "fine bulgur wheat", ""),
                    ("3", "", "ripe tomatoes", "finely diced, juices saved"),
                    ("1", "", "lemon", "juiced"),
                    ("3", "bunch", "flat-leaf parsley", "about 150 g, washed and dried"),
                    ("1", "handful", "mint leaves", ""),
                    ("4", "", "spring onions", "finely sliced"),
                    ("4", "tbsp", "extra virgin olive oil", ""),
                    ("1/2", "tsp", "ground allspice", ""),
                    ("", "to_taste", "salt", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Rinse the bulgur, put it in a bowl and pour over the juices from the tomatoes "
                    "and half the lemon juice. Leave to soften."
                ),
                15,
            ),
            (
                "Meanwhile, pick the parsley leaves and chop them finely with a very sharp knife, "
                "in small bunches. A food processor bruises them into a paste."
            ),
            (
                "Chop the mint the same way, and mix the herbs, spring onions and tomatoes into "
                "the bulgur."
            ),
            (
                "Dress with the olive oil, allspice, salt and the rest of the lemon juice. Taste: "
                "it should be bright and sharp. Serve at once, with crisp lettuce leaves for "
                "scooping."
            ),
        ],
        "tips": [
            "Dry the herbs completely after washing, or the salad turns soggy.",
            "Dress it just before serving: salt draws water out of the tomatoes.",
        ],
        "nutrition": (180, "3.5", "14", "13"),
    },
]
