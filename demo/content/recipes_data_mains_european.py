"""Demo recipes: Italian and French main courses."""

from .data_types import RecipeData

EUROPEAN_MAINS: list[RecipeData] = [
    {
        "slug": "spaghetti-carbonara",
        "title": "Spaghetti carbonara",
        "summary": (
            "The Roman original: guanciale, eggs, pecorino and black pepper, no cream. The sauce "
            "is made off the heat with the pasta's own starchy water."
        ),
        "palette": "bread",
        "image_alt": (
            "A tangle of glossy spaghetti carbonara with crisp guanciale and cracked black pepper"
        ),
        "cuisine": "Italian",
        "course": "Main",
        "diets": [],
        "tags": ["weeknight", "quick", "classic"],
        "difficulty": "easy",
        "prep_minutes": 10,
        "cook_minutes": 15,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Amara Okafor"],
        "related": ["risotto-ai-funghi", "margherita-pizza", "tiramisu"],
        "ingredients": [
            (
                "",
                [
                    ("400", "g", "spaghetti", ""),
                    ("150", "g", "guanciale", "cut into short strips (or pancetta)"),
                    ("4", "", "egg yolks", ""),
                    ("2", "", "eggs", ""),
                    ("60", "g", "pecorino romano", "finely grated, plus extra to serve"),
                    ("30", "g", "parmesan", "finely grated"),
                    ("1", "tsp", "black pepper", "coarsely ground"),
                    ("", "to_taste", "salt", "for the pasta water"),
                ],
            ),
        ],
        "method": [
            (
                "Bring a large pan of water to the boil and salt it lightly: the guanciale and "
                "pecorino bring plenty of salt of their own."
            ),
            (
                (
                    "Fry the guanciale in a wide, dry frying pan over a medium heat until the fat "
                    "runs and the edges are crisp. Take the pan off the heat."
                ),
                8,
            ),
            "Whisk the yolks, eggs, both cheeses and most of the pepper into a thick paste.",
            (
                (
                    "Cook the spaghetti until a minute short of al dente. Scoop out a mugful of "
                    "the cooking water before draining."
                ),
                9,
            ),
            (
                (
                    "Tip the pasta into the guanciale pan, off the heat, and toss to coat it in "
                    "the fat. Leave it a minute to cool slightly so the eggs will not scramble."
                ),
                1,
            ),
            (
                "Add the egg mixture and a splash of pasta water and toss hard until a glossy "
                "sauce clings to every strand, adding more water if it looks thick. Serve at once "
                "with the remaining pepper and pecorino."
            ),
        ],
        "tips": [
            (
                "If the sauce starts to look grainy, the pan is too hot: add a splash of cool "
                "pasta water and keep tossing."
            ),
            (
                "Guanciale (cured pork cheek) is worth seeking out; pancetta is the best "
                "substitute. Smoked bacon changes the dish."
            ),
        ],
        "nutrition": (680, "31", "76", "27"),
    },
    {
        "slug": "risotto-ai-funghi",
        "title": "Risotto ai funghi",
        "summary": (
            "A creamy mushroom risotto with deep flavour from dried porcini and their soaking "
            "liquor, and golden fried chestnut mushrooms folded in at the end."
        ),
        "palette": "bread",
        "image_alt": (
            "A plate of creamy mushroom risotto topped with golden sliced mushrooms, parmesan and "
            "parsley"
        ),
        "cuisine": "Italian",
        "course": "Main",
        "diets": ["Vegetarian", "Gluten free"],
        "tags": ["comfort food", "autumn", "weekend"],
        "difficulty": "medium",
        "prep_minutes": 15,
        "cook_minutes": 40,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Amara Okafor"],
        "related": ["spaghetti-carbonara", "coq-au-vin"],
        "ingredients": [
            (
                "For the mushrooms",
                [
                    ("20", "g", "dried porcini", ""),
                    ("400", "ml", "boiling water", ""),
                    ("300", "g", "chestnut mushrooms", "sliced"),
                    ("2", "tbsp", "olive oil", ""),
                    ("1", "clove", "garlic", "finely chopped"),
                    ("1", "tbsp", "flat-leaf parsley", "chopped"),
                ],
            ),
            (
                "For the risotto",
                [
                    ("1", "l", "vegetable stock", "kept hot"),
                    ("1", "tbsp", "olive oil", ""),
                    ("60", "g", "butter", "divided"),
                    ("1", "", "onion", "finely chopped"),
                    ("300", "g", "carnaroli or arborio rice", ""),
                    ("150", "ml", "dry white wine", ""),
                    ("50", "g", "parmesan", "finely grated (or a vegetarian hard cheese)"),
                    ("", "to_taste", "salt and black pepper", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Soak the porcini in the boiling water. Lift them out, chop them, and strain "
                    "the soaking liquor through kitchen paper into the stock."
                ),
                20,
            ),
            (
                (
                    "Fry the chestnut mushrooms in the oil over a high heat until golden, then add "
                    "the garlic and parsley for a minute and set aside."
                ),
                8,
            ),
            (
                (
                    "In a wide, heavy pan, soften the onion in the oil and half the butter over a "
                    "gentle heat without letting it colour."
                ),
                8,
            ),
            (
                "Add the rice and stir for two minutes until the grains turn translucent at the "
                "edges. Pour in the wine and stir until it has been absorbed."
            ),
            (
                (
                    "Add the hot stock a ladleful at a time, stirring often and adding the next "
                    "when the last has been absorbed, until the rice is creamy and just tender. "
                    "Stir in the porcini halfway."
                ),
                18,
            ),
            (
                (
                    "Take the pan off the heat, beat in the remaining butter and the parmesan, "
                    "cover and leave to rest."
                ),
                2,
            ),
            (
                "Fold in the fried mushrooms, season, and serve on warm plates: risotto should "
                "spread slowly, not stand in a heap."
            ),
        ],
        "tips": [
            "Keep the stock at a simmer next to the risotto: cold stock stops the rice cooking.",
            "Leftovers make excellent arancini.",
        ],
        "nutrition": (520, "14", "68", "19"),
    },
    {
        "slug": "margherita-pizza",
        "title": "Margherita pizza",
        "summary": (
            "Blistered, chewy-crusted pizza at home: a simple dough, an uncooked tomato sauce, "
            "torn mozzarella and basil, baked on the hottest surface you have."
        ),
        "palette": "tomato",
        "image_alt": (
            "A margherita pizza with a blistered crust, red tomato sauce, melted mozzarella and "
            "fresh basil leaves"
        ),
        "cuisine": "Italian",
        "course": "Main",
        "diets": ["Vegetarian"],
        "tags": ["baking", "weekend", "family"],
        "difficulty": "medium",
        "prep_minutes": 150,
        "cook_minutes": 10,
        "yield_amount": 4,
        "yield_unit": "pizzas",
        "authors": ["Ravi Menon", "Amara Okafor"],
        "related": ["spaghetti-carbonara", "tiramisu"],
        "ingredients": [
            (
                "For the dough",
                [
                    ("500", "g", "strong white bread flour", "or tipo 00, plus extra for dusting"),
                    ("7", "g", "fast-action dried yeast", ""),
                    ("10", "g", "fine salt", ""),
                    ("325", "ml", "lukewarm water", ""),
                    ("1", "tbsp", "olive oil", ""),
                ],
            ),
            (
                "For the sauce",
                [
                    ("1", "can", "whole plum tomatoes", "400 g"),
                    ("1", "clove", "garlic", "finely grated"),
                    ("1", "tbsp", "extra virgin olive oil", ""),
                    ("1/2", "tsp", "salt", ""),
                ],
            ),
            (
                "For the topping",
                [
                    ("250", "g", "mozzarella", "torn and drained on kitchen paper"),
                    ("1", "handful", "basil leaves", ""),
                    ("2", "tbsp", "extra virgin olive oil", ""),
                ],
            ),
        ],
        "method": [
            {"section": "Make the dough"},
            (
                (
                    "Mix the flour, yeast and salt in a large bowl. Add the water and oil, bring "
                    "together, then knead on a clean surface until smooth and springy."
                ),
                10,
            ),
            (
                (
                    "Put the dough in an oiled bowl, cover, and leave somewhere warm until doubled "
                    "in size."
                ),
                90,
            ),
            (
                (
                    "Divide into four balls, put them on a floured tray, cover and leave to relax "
                    "so they stretch without springing back."
                ),
                30,
            ),
            {"section": "Shape and bake"},
            (
                (
                    "Heat the oven to its highest setting with a pizza stone or an upturned heavy "
                    "baking tray on the top shelf."
                ),
                30,
            ),
            (
                "Crush the tomatoes by hand with the garlic, oil and salt. Do not cook the sauce: "
                "it cooks on the pizza."
            ),
            (
                "Stretch a ball of dough into a 25 to 30 cm round on a floured surface, leaving "
                "the rim thicker. Spread with a thin layer of sauce and scatter over a quarter of "
                "the mozzarella."
            ),
            (
                (
                    "Slide onto the hot stone and bake until the crust is blistered and the cheese "
                    "is bubbling. Finish with basil and a trickle of oil, and repeat with the rest."
                ),
                8,
            ),
        ],
        "step_images": {
            6: (
                "A stretched pizza base spread with tomato sauce and torn mozzarella, ready for "
                "the oven"
            ),
        },
        "tips": [
            (
                "For better flavour, let the dough balls prove slowly in the fridge for 24 to 48 "
                "hours and bring them to room temperature for an hour before shaping."
            ),
            "Too much sauce makes a soggy pizza: a thin layer is enough.",
        ],
        "nutrition": (610, "25", "92", "16"),
    },
    {
        "slug": "coq-au-vin",
        "title": "Coq au vin",
        "summary": (
            "Chicken braised slowly in red wine with lardons, mushrooms and glazed baby onions. A "
            "Burgundy classic that is even better made the day before."
        ),
        "palette": "berry",
        "image_alt": (
            "A cast-iron casserole of chicken in a dark red wine sauce with mushrooms, lardons and "
            "baby onions"
        ),
        "cuisine": "French",
        "course": "Main",
        "diets": [],
        "tags": ["comfort food", "make-ahead", "weekend", "one-pot"],
        "difficulty": "hard",
        "prep_minutes": 30,
        "cook_minutes": 120,
        "yield_amount": 6,
        "yield_unit": "servings",
        "authors": ["Amara Okafor", "Lucía Fernández"],
        "related": ["ratatouille", "creme-brulee", "risotto-ai-funghi"],
        "ingredients": [
            (
                "For the chicken",
                [
                    ("8", "", "chicken thighs and drumsticks", "skin on"),
                    ("2", "tbsp", "plain flour", ""),
                    ("2", "tbsp", "olive oil", ""),
                    ("3", "tbsp", "brandy", ""),
                    ("750", "ml", "red wine", "a Burgundy or other pinot noir"),
                    ("500", "ml", "chicken stock", ""),
                    ("2", "tbsp", "tomato purée", ""),
                    ("3", "clove", "garlic", "crushed"),
                    ("1", "", "bouquet garni", "thyme, bay and parsley stalks tied together"),
                    ("", "to_taste", "salt and black pepper", ""),
                ],
            ),
            (
                "For the garnish",
                [
                    ("200", "g", "smoked bacon lardons", ""),
                    ("12", "", "baby onions or small shallots", "peeled"),
                    ("30", "g", "butter", ""),
                    ("1", "tsp", "sugar", ""),
                    ("250", "g", "button mushrooms", ""),
                    ("1", "handful", "flat-leaf parsley", "chopped"),
                ],
            ),
        ],
        "method": [
            {"section": "Brown and braise"},
            "Season the chicken and dust it with the flour.",
            (
                (
                    "Fry the lardons in a large casserole until golden and set them aside. Add the "
                    "oil and brown the chicken in batches, skin side first, until deep golden all "
                    "over."
                ),
                15,
            ),
            (
                (
                    "Return all the chicken, pour in the brandy and let it bubble away. Add the "
                    "wine, stock, tomato purée, garlic and bouquet garni, bring to a gentle "
                    "simmer, cover and cook until the meat is tender."
                ),
                75,
            ),
            {"section": "Garnish and finish"},
            (
                (
                    "Meanwhile, cook the baby onions in the butter with the sugar and a splash of "
                    "water until glazed and tender, then add the mushrooms and cook until golden."
                ),
                20,
            ),
            (
                (
                    "Lift out the chicken and boil the sauce hard until it has reduced by about a "
                    "third and coats a spoon."
                ),
                15,
            ),
            (
                "Return the chicken to the pan with the lardons, onions and mushrooms, warm "
                "through, check the seasoning and scatter with parsley. Serve with mashed potato "
                "or crusty bread."
            ),
        ],
        "tips": [
            (
                "Make it a day ahead: the flavour deepens overnight, and any fat sets on the "
                "surface where it is easy to lift off."
            ),
            "Use a wine you would happily drink; the sauce concentrates every flaw.",
        ],
        "nutrition": (610, "48", "12", "32"),
    },
]
