"""Demo recipes: breakfast and brunch."""

from .data_types import RecipeData

BREAKFAST: list[RecipeData] = [
    {
        "slug": "shakshuka",
        "title": "Shakshuka",
        "summary": (
            "Eggs gently poached in a smoky pepper and tomato sauce, finished with feta and "
            "parsley. One pan, and plenty of bread for mopping."
        ),
        "palette": "tomato",
        "image_alt": (
            "Six eggs poached in a red pepper and tomato sauce in a cast-iron pan, scattered with "
            "feta and parsley"
        ),
        "cuisine": "Middle Eastern",
        "course": "Breakfast",
        "diets": ["Vegetarian", "Gluten free"],
        "tags": ["brunch", "one-pot", "weeknight"],
        "difficulty": "easy",
        "prep_minutes": 10,
        "cook_minutes": 30,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Amara Okafor", "Tom Hale"],
        "related": ["huevos-rancheros", "hummus", "ratatouille"],
        "ingredients": [
            (
                "",
                [
                    ("3", "tbsp", "olive oil", ""),
                    ("1", "", "onion", "thinly sliced"),
                    ("2", "", "red peppers", "deseeded and sliced"),
                    ("3", "clove", "garlic", "crushed"),
                    ("1", "tsp", "ground cumin", ""),
                    ("1", "tsp", "smoked paprika", "sweet, not hot"),
                    ("1/4", "tsp", "chilli flakes", "or more to taste"),
                    ("2", "can", "chopped tomatoes", "400 g each"),
                    ("1", "tsp", "sugar", ""),
                    ("6", "", "eggs", "at room temperature"),
                    ("100", "g", "feta", "crumbled"),
                    ("1", "handful", "flat-leaf parsley", "roughly chopped"),
                    ("", "to_taste", "salt and black pepper", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Heat the oil in a large frying pan that has a lid over a medium heat. Add the "
                    "onion and peppers with a pinch of salt and cook, stirring now and then, until "
                    "soft and sweet."
                ),
                10,
            ),
            (
                "Stir in the garlic, cumin, paprika and chilli flakes and cook for a minute, until "
                "fragrant."
            ),
            (
                (
                    "Tip in the tomatoes and sugar, season, and simmer uncovered until the sauce "
                    "is thick enough that a spoon dragged through it leaves a clear trail."
                ),
                15,
            ),
            (
                (
                    "Make six wells in the sauce with the back of a spoon and crack an egg into "
                    "each. Cover and cook over a low heat until the whites are set but the yolks "
                    "are still runny."
                ),
                7,
            ),
            "Scatter over the feta and parsley and serve straight from the pan, with warm bread.",
        ],
        "step_images": {4: "Eggs cracked into wells in a simmering tomato and pepper sauce"},
        "tips": [
            (
                "The sauce keeps for three days in the fridge. Reheat it until it bubbles before "
                "you add the eggs."
            ),
            "For firmer yolks, keep the lid on for another three minutes.",
        ],
        "nutrition": (290, "15", "16", "19"),
    },
    {
        "slug": "huevos-rancheros",
        "title": "Huevos rancheros",
        "summary": (
            "Fried eggs on warm corn tortillas with a quick ranchero sauce, black beans, avocado "
            "and lime: the Mexican ranch breakfast that keeps you going until dinner."
        ),
        "palette": "tomato",
        "image_alt": (
            "Two fried eggs on corn tortillas with red ranchero sauce, black beans, sliced avocado "
            "and lime wedges"
        ),
        "cuisine": "Mexican",
        "course": "Breakfast",
        "diets": ["Vegetarian", "Gluten free"],
        "tags": ["brunch", "weekend"],
        "difficulty": "easy",
        "prep_minutes": 15,
        "cook_minutes": 25,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["shakshuka", "guacamole", "chicken-enchiladas"],
        "ingredients": [
            (
                "For the ranchero sauce",
                [
                    ("1", "tbsp", "vegetable oil", ""),
                    ("1/2", "", "onion", "finely chopped"),
                    ("1", "", "jalapeño", "deseeded and finely chopped"),
                    ("2", "clove", "garlic", "chopped"),
                    ("1/2", "tsp", "ground cumin", ""),
                    ("1/2", "tsp", "dried oregano", "Mexican if you can find it"),
                    ("1", "can", "chopped tomatoes", "400 g"),
                    ("", "to_taste", "salt", ""),
                ],
            ),
            (
                "To serve",
                [
                    ("1", "can", "black beans", "400 g, drained and rinsed"),
                    ("8", "", "corn tortillas", ""),
                    ("2", "tbsp", "vegetable oil", ""),
                    ("8", "", "eggs", ""),
                    ("1", "", "avocado", "sliced"),
                    ("75", "g", "queso fresco or feta", "crumbled"),
                    ("1", "handful", "coriander", "leaves picked"),
                    ("1", "", "lime", "cut into wedges"),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Heat the oil in a saucepan, add the onion and jalapeño and cook gently until "
                    "soft."
                ),
                8,
            ),
            (
                (
                    "Add the garlic, cumin and oregano and cook for a minute, then tip in the "
                    "tomatoes. Simmer, stirring now and then, until thickened, and season with "
                    "salt."
                ),
                12,
            ),
            (
                (
                    "Warm the beans in a small pan with a splash of water and a pinch of salt, "
                    "crushing a few against the side of the pan."
                ),
                5,
            ),
            (
                "Warm the tortillas in a dry frying pan for 30 seconds a side and keep them "
                "wrapped in a clean tea towel."
            ),
            (
                (
                    "Heat the remaining oil in the frying pan and fry the eggs until the whites "
                    "are crisp at the edges and the yolks still runny."
                ),
                4,
            ),
            (
                "Put two tortillas on each plate, spoon over the beans and sauce, top with two "
                "eggs and finish with avocado, cheese, coriander and a wedge of lime."
            ),
        ],
        "tips": [
            "The ranchero sauce can be made up to two days ahead and reheated.",
            (
                "For a vegan version, swap the eggs for fried slices of firm tofu and leave out "
                "the cheese."
            ),
        ],
    },
    {
        "slug": "buttermilk-pancakes",
        "title": "Fluffy buttermilk pancakes",
        "summary": (
            "Thick, tender pancakes with crisp buttery edges. Resting the batter for ten minutes "
            "is the secret to their height."
        ),
        "palette": "bread",
        "image_alt": (
            "A stack of golden buttermilk pancakes topped with blueberries and a pour of maple "
            "syrup"
        ),
        "cuisine": None,
        "course": "Breakfast",
        "diets": ["Vegetarian"],
        "tags": ["brunch", "weekend", "family"],
        "difficulty": "easy",
        "prep_minutes": 10,
        "cook_minutes": 20,
        "yield_amount": 12,
        "yield_unit": "pancakes",
        "authors": ["Lucía Fernández"],
        "related": ["banana-bread", "overnight-oats", "scones"],
        "ingredients": [
            (
                "For the batter",
                [
                    ("2", "cup", "plain flour", ""),
                    ("2", "tbsp", "sugar", ""),
                    ("2", "tsp", "baking powder", ""),
                    ("1/2", "tsp", "bicarbonate of soda", ""),
                    ("1/2", "tsp", "salt", ""),
                    ("2", "cup", "buttermilk", ""),
                    ("2", "", "eggs", ""),
                    ("3", "tbsp", "unsalted butter", "melted, plus extra for the pan"),
                ],
            ),
            ("To serve", [("1", "cup", "blueberries", ""), ("", "to_taste", "maple syrup", "")]),
        ],
        "method": [
            (
                "Whisk the flour, sugar, baking powder, bicarbonate of soda and salt together in a "
                "large bowl."
            ),
            (
                "In a jug, whisk the buttermilk, eggs and melted butter. Pour into the dry "
                "ingredients and stir with a fork until just combined: a few lumps are fine, and "
                "overmixing makes tough pancakes."
            ),
            (
                (
                    "Leave the batter to rest while the pan heats. The raising agents get to work "
                    "and the pancakes rise higher."
                ),
                10,
            ),
            (
                "Heat a large non-stick frying pan over a medium-low heat and brush it with "
                "butter. Pour in about 1/4 cup of batter per pancake."
            ),
            (
                (
                    "Cook until bubbles appear on the surface and the edges look set, then flip "
                    "and cook for about a minute more, until golden."
                ),
                3,
            ),
            (
                "Keep the pancakes warm in a low oven while you cook the rest, then serve in "
                "stacks with blueberries and maple syrup."
            ),
        ],
        "tips": [
            (
                "No buttermilk? Stir 2 tablespoons of lemon juice into 2 cups of milk and leave it "
                "for five minutes."
            ),
            (
                "Never press pancakes flat with the spatula: it squeezes out the air you rested "
                "the batter for."
            ),
        ],
        "nutrition": (150, "4.5", "21", "5"),
    },
    {
        "slug": "overnight-oats",
        "title": "Overnight oats with berries",
        "summary": (
            "Five minutes the night before for a creamy, ready-to-eat breakfast. Chia seeds "
            "thicken the oats while you sleep."
        ),
        "palette": "berry",
        "image_alt": (
            "Two jars of creamy overnight oats topped with raspberries, blueberries and chopped "
            "almonds"
        ),
        "cuisine": None,
        "course": "Breakfast",
        "diets": ["Vegan", "Vegetarian", "Dairy free"],
        "tags": ["make-ahead", "quick", "no-cook"],
        "difficulty": "easy",
        "prep_minutes": 5,
        "cook_minutes": 0,
        "yield_amount": 2,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["buttermilk-pancakes", "banana-bread"],
        "ingredients": [
            (
                "",
                [
                    ("100", "g", "rolled oats", ""),
                    ("250", "ml", "oat milk", "or any milk"),
                    ("2", "tbsp", "chia seeds", ""),
                    ("1", "tbsp", "maple syrup", ""),
                    ("1/2", "tsp", "vanilla extract", ""),
                    ("1", "pinch", "salt", ""),
                ],
            ),
            (
                "To serve",
                [
                    ("150", "g", "mixed berries", "fresh or thawed frozen"),
                    ("2", "tbsp", "almonds", "toasted and roughly chopped"),
                ],
            ),
        ],
        "method": [
            (
                "Stir the oats, oat milk, chia seeds, maple syrup, vanilla and salt together in a "
                "bowl, or divide between two jars."
            ),
            (
                (
                    "Cover and refrigerate overnight, or for at least four hours, so the oats "
                    "soften and the chia seeds swell."
                ),
                240,
            ),
            (
                "In the morning, stir well and loosen with a splash more milk if the oats are too "
                "thick."
            ),
            (
                "Top with the berries and almonds and eat cold, or warm through in a pan for a "
                "minute or two."
            ),
        ],
        "tips": [
            "The oats keep for three days in the fridge, so make a batch on Sunday for the week.",
            "Grate in half an apple with the oats for extra sweetness without extra sugar.",
        ],
        "nutrition": (380, "11", "52", "14"),
    },
]
