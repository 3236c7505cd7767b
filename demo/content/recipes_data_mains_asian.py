"""Demo recipes: Indian and Japanese main courses."""

from .data_types import RecipeData

ASIAN_MAINS: list[RecipeData] = [
    {
        "slug": "dal-tadka",
        "title": "Dal tadka",
        "summary": (
            "Everyday yellow lentils simmered until creamy, then finished with a sizzling "
            "tempering of cumin, mustard seeds, garlic and chilli."
        ),
        "palette": "curry",
        "image_alt": (
            "A bowl of golden dal topped with sizzling spiced oil, fried garlic, dried red "
            "chillies and coriander"
        ),
        "cuisine": "Indian",
        "course": "Main",
        "diets": ["Vegan", "Vegetarian", "Gluten free", "Dairy free", "Low calorie"],
        "tags": ["weeknight", "pantry", "one-pot", "make-ahead"],
        "difficulty": "easy",
        "prep_minutes": 10,
        "cook_minutes": 45,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Ravi Menon"],
        "related": ["aloo-gobi", "chicken-tikka-masala"],
        "ingredients": [
            (
                "For the dal",
                [
                    ("200", "g", "toor dal (split pigeon peas)", "or yellow split peas"),
                    ("1", "l", "water", ""),
                    ("1/2", "tsp", "ground turmeric", ""),
                    ("1", "", "tomato", "chopped"),
                    ("1", "", "green chilli", "slit lengthways"),
                    ("1", "tsp", "salt", ""),
                ],
            ),
            (
                "For the tadka",
                [
                    ("3", "tbsp", "vegetable oil", "or ghee if not vegan"),
                    ("1", "tsp", "black mustard seeds", ""),
                    ("1", "tsp", "cumin seeds", ""),
                    ("2", "", "dried red chillies", ""),
                    ("1", "pinch", "asafoetida", ""),
                    ("4", "clove", "garlic", "thinly sliced"),
                    ("1", "", "onion", "finely chopped"),
                    ("1/2", "tsp", "Kashmiri chilli powder", ""),
                    ("1", "handful", "coriander", "chopped"),
                    ("1/2", "", "lemon", "juiced"),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Rinse the dal in several changes of water until it runs clear. Simmer with "
                    "the water and turmeric, partly covered and skimming off any foam, until "
                    "completely soft and collapsing."
                ),
                30,
            ),
            (
                (
                    "Add the tomato, green chilli and salt and whisk to break up the lentils. "
                    "Simmer, adding a splash of water if needed, until creamy but pourable."
                ),
                10,
            ),
            (
                "For the tadka, heat the oil in a small frying pan over a medium-high heat and add "
                "the mustard seeds. When they pop, add the cumin seeds, dried chillies and "
                "asafoetida."
            ),
            (
                (
                    "Add the garlic and fry until golden at the edges, then the onion, and cook "
                    "until golden brown. Stir in the chilli powder."
                ),
                8,
            ),
            (
                "Pour the sizzling tadka over the dal and cover the pan for a minute to trap the "
                "aroma. Stir in the coriander and lemon juice and serve with rice or chapatis."
            ),
        ],
        "tips": [
            "Dal thickens as it stands: loosen leftovers with hot water when you reheat them.",
            (
                "Garlic goes from golden to bitter in seconds, so have the onion ready before you "
                "start the tadka."
            ),
        ],
        "nutrition": (290, "13", "36", "11"),
    },
    {
        "slug": "chicken-tikka-masala",
        "title": "Chicken tikka masala",
        "summary": (
            "Yoghurt-marinated chicken charred under the grill, then simmered in a rich, gently "
            "spiced tomato and cream sauce with a hint of fenugreek."
        ),
        "palette": "curry",
        "image_alt": (
            "Charred chicken tikka pieces in an orange tomato and cream masala sauce, with "
            "coriander and rice"
        ),
        "cuisine": "Indian",
        "course": "Main",
        "diets": ["Gluten free"],
        "tags": ["family", "comfort food", "weekend"],
        "difficulty": "medium",
        "prep_minutes": 80,
        "cook_minutes": 45,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Ravi Menon", "Tom Hale"],
        "related": ["dal-tadka", "aloo-gobi", "chicken-katsu-curry"],
        "ingredients": [
            (
                "For the chicken tikka",
                [
                    ("700", "g", "boneless chicken thighs", "cut into bite-sized pieces"),
                    ("150", "g", "plain yoghurt", ""),
                    ("1", "tbsp", "lemon juice", ""),
                    ("2", "tsp", "garam masala", ""),
                    ("1", "tsp", "Kashmiri chilli powder", ""),
                    ("2", "clove", "garlic", "finely grated"),
                    ("1", "piece", "fresh ginger", "thumb-sized, finely grated"),
                    ("1", "tsp", "salt", ""),
                ],
            ),
            (
                "For the masala sauce",
                [
                    ("2", "tbsp", "vegetable oil", ""),
                    ("30", "g", "butter", ""),
                    ("1", "", "onion", "finely chopped"),
                    ("3", "clove", "garlic", "finely grated"),
                    ("1", "tbsp", "fresh ginger", "finely grated"),
                    ("1", "tsp", "ground cumin", ""),
                    ("1", "tsp", "ground coriander", ""),
                    ("1", "tsp", "garam masala", ""),
                    ("1", "tsp", "Kashmiri chilli powder", ""),
                    ("2", "tbsp", "tomato purée", ""),
                    ("1", "can", "chopped tomatoes", "400 g"),
                    ("150", "ml", "double cream", ""),
                    ("1", "tsp", "sugar", ""),
                    ("1", "tsp", "dried fenugreek leaves (kasuri methi)", "crushed"),
                    ("1", "handful", "coriander", "chopped"),
                ],
            ),
        ],
        "method": [
            {"section": "Marinate and grill the chicken"},
            (
                (
                    "Mix the marinade ingredients in a bowl, stir in the chicken, cover and chill "
                    "for at least an hour, or overnight."
                ),
                60,
            ),
            (
                (
                    "Heat the grill to high. Spread the chicken on a rack over a foil-lined tray "
                    "and grill, turning once, until charred at the edges."
                ),
                12,
            ),
            {"section": "Make the sauce"},
            ("Heat the oil and butter in a large pan and cook the onion until deep golden.", 12),
            (
                "Add the garlic, ginger, ground spices and tomato purée and fry for two minutes, "
                "stirring, until the oil turns red."
            ),
            (
                (
                    "Add the tomatoes and simmer until thick and the oil separates at the edges. "
                    "Blend until smooth if you like."
                ),
                15,
            ),
            (
                (
                    "Stir in the cream, sugar, fenugreek and chicken and simmer until the chicken "
                    "is cooked through. Scatter with coriander and serve with rice and naan."
                ),
                5,
            ),
        ],
        "tips": [
            "Thigh meat stays juicy; breast works but watch it closely under the grill.",
            "The sauce freezes well without the cream: add the cream when you reheat.",
        ],
        "nutrition": (560, "40", "14", "38"),
    },
    {
        "slug": "chicken-katsu-curry",
        "title": "Chicken katsu curry",
        "summary": (
            "Crisp panko-crumbed chicken on short-grain rice with a mild, sweet Japanese curry "
            "sauce made from scratch. A family favourite."
        ),
        "palette": "curry",
        "image_alt": (
            "Sliced golden panko chicken on white rice with a glossy Japanese curry sauce and "
            "shredded cabbage"
        ),
        "cuisine": "Japanese",
        "course": "Main",
        "diets": ["Dairy free"],
        "tags": ["family", "comfort food"],
        "difficulty": "medium",
        "prep_minutes": 20,
        "cook_minutes": 45,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Tom Hale", "Ravi Menon"],
        "related": ["miso-soup", "okonomiyaki", "chicken-tikka-masala"],
        "ingredients": [
            (
                "For the curry sauce",
                [
                    ("2", "tbsp", "vegetable oil", ""),
                    ("1", "", "onion", "chopped"),
                    ("2", "", "carrots", "chopped"),
                    ("3", "clove", "garlic", "crushed"),
                    ("1", "piece", "fresh ginger", "thumb-sized, grated"),
                    ("2", "tbsp", "plain flour", ""),
                    ("1", "tbsp", "mild curry powder", ""),
                    ("1", "tsp", "garam masala", ""),
                    ("600", "ml", "chicken stock", ""),
                    ("1", "tbsp", "soy sauce", ""),
                    ("1", "tbsp", "honey", ""),
                ],
            ),
            (
                "For the katsu",
                [
                    ("4", "", "skinless chicken breasts", ""),
                    ("50", "g", "plain flour", ""),
                    ("2", "", "eggs", "beaten"),
                    ("100", "g", "panko breadcrumbs", ""),
                    ("500", "ml", "vegetable oil", "for shallow-frying"),
                    ("", "to_taste", "salt", ""),
                ],
            ),
            (
                "To serve",
                [
                    ("300", "g", "Japanese short-grain rice", "cooked"),
                    ("1/4", "", "white cabbage", "finely shredded"),
                ],
            ),
        ],
        "method": [
            {"section": "Make the sauce"},
            ("Cook the onion and carrots in the oil over a medium heat until soft.", 10),
            (
                "Add the garlic and ginger for a minute, then stir in the flour, curry powder and "
                "garam masala and cook for another minute."
            ),
            (
                (
                    "Gradually stir in the stock, then the soy sauce and honey. Simmer until the "
                    "carrots are tender, then blend until smooth and keep warm."
                ),
                20,
            ),
            {"section": "Fry the chicken"},
            (
                "Flatten each breast between two sheets of baking paper to an even 1.5 cm and "
                "season with salt."
            ),
            "Dredge each piece in flour, then egg, then panko, pressing the crumbs on firmly.",
            (
                (
                    "Heat 1 cm of oil in a large frying pan to 170°C and fry the chicken, two "
                    "pieces at a time, until deep golden and cooked through (74°C in the centre), "
                    "turning once."
                ),
                8,
            ),
            (
                "Drain on a rack for a couple of minutes, slice, and serve on rice with the sauce "
                "poured alongside and a pile of cabbage."
            ),
        ],
        "step_images": {
            5: "Chicken breasts being coated in flour, beaten egg and panko breadcrumbs",
        },
        "tips": [
            "Draining the chicken on a rack rather than on paper keeps the underside crisp.",
            "The sauce keeps for five days in the fridge and is good with fried tofu too.",
        ],
        "nutrition": (720, "45", "85", "21"),
    },
    {
        "slug": "okonomiyaki",
        "title": "Okonomiyaki",
        "summary": (
            "Osaka's savoury cabbage pancake with crisp pork belly, brushed with sweet-sour sauce "
            "and zigzagged with mayonnaise. Okonomi means 'how you like it'."
        ),
        "palette": "bread",
        "image_alt": (
            "A thick savoury cabbage pancake topped with brown sauce, mayonnaise zigzags, bonito "
            "flakes and seaweed"
        ),
        "cuisine": "Japanese",
        "course": "Main",
        "diets": [],
        "tags": ["weeknight", "street food", "quick"],
        "difficulty": "medium",
        "prep_minutes": 15,
        "cook_minutes": 25,
        "yield_amount": 2,
        "yield_unit": "large pancakes",
        "authors": ["Tom Hale"],
        "related": ["miso-soup", "chicken-katsu-curry"],
        "ingredients": [
            (
                "For the batter",
                [
                    ("100", "g", "plain flour", ""),
                    ("1/2", "tsp", "baking powder", ""),
                    ("1/2", "tsp", "salt", ""),
                    ("120", "ml", "dashi or water", ""),
                    ("2", "", "eggs", ""),
                    ("300", "g", "pointed cabbage", "finely shredded"),
                    ("3", "", "spring onions", "sliced"),
                    ("1", "tbsp", "pickled ginger (beni shoga)", "chopped"),
                ],
            ),
            (
                "To cook and top",
                [
                    ("1", "tbsp", "vegetable oil", ""),
                    ("6", "slice", "pork belly", "thinly sliced"),
                    ("3", "tbsp", "okonomiyaki sauce", ""),
                    ("2", "tbsp", "Japanese mayonnaise", ""),
                    ("2", "tbsp", "katsuobushi (bonito flakes)", ""),
                    ("1", "tsp", "aonori (seaweed flakes)", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Whisk the flour, baking powder, salt and dashi to a smooth batter and leave "
                    "it to rest."
                ),
                10,
            ),
            (
                "Just before cooking, beat in the eggs, then fold in the cabbage, spring onions "
                "and ginger. Folding air in now keeps the pancakes light."
            ),
            (
                "Heat half the oil in a frying pan over a medium heat. Spoon in half the mixture "
                "and shape it into a round about 2 cm thick. Lay three slices of pork on top."
            ),
            ("Cook until golden underneath.", 5),
            (
                (
                    "Flip (sliding it onto a plate first makes this easier) and cook pork side "
                    "down until the pork is crisp and the cabbage tender. Flip back over."
                ),
                6,
            ),
            (
                "Brush with okonomiyaki sauce, zigzag with mayonnaise and scatter with katsuobushi "
                "and aonori. Repeat with the rest of the mixture."
            ),
        ],
        "tips": [
            (
                "No okonomiyaki sauce? Mix 2 tbsp ketchup, 1 tbsp Worcestershire sauce, 1 tsp soy "
                "sauce and 1 tsp sugar."
            ),
            "Swap the pork for prawns, squid or cheese: it is meant to be made how you like it.",
        ],
    },
]
