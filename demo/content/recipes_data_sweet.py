"""Demo recipes: desserts and baking."""

from .data_types import RecipeData

SWEET: list[RecipeData] = [
    {
        "slug": "tiramisu",
        "title": "Tiramisu",
        "summary": (
            "Layers of coffee-soaked savoiardi and a light mascarpone cream, dusted with cocoa. No "
            "baking: just patience while it sets overnight."
        ),
        "palette": "chocolate",
        "image_alt": (
            "A square slice of tiramisu showing layers of coffee-soaked biscuits and mascarpone "
            "cream under cocoa"
        ),
        "cuisine": "Italian",
        "course": "Dessert",
        "diets": ["Vegetarian"],
        "tags": ["make-ahead", "party", "no-cook"],
        "difficulty": "easy",
        "prep_minutes": 30,
        "cook_minutes": 0,
        "yield_amount": 8,
        "yield_unit": "servings",
        "authors": ["Lucía Fernández"],
        "related": ["creme-brulee", "spaghetti-carbonara"],
        "ingredients": [
            (
                "For the cream",
                [
                    ("4", "", "very fresh eggs", "separated"),
                    ("100", "g", "caster sugar", ""),
                    ("500", "g", "mascarpone", "at room temperature"),
                    ("1", "pinch", "salt", ""),
                ],
            ),
            (
                "For the layers",
                [
                    ("300", "ml", "strong espresso", "cooled"),
                    ("3", "tbsp", "coffee liqueur or dark rum", "optional"),
                    ("200", "g", "savoiardi (ladyfinger biscuits)", ""),
                    ("2", "tbsp", "cocoa powder", "for dusting"),
                    ("30", "g", "dark chocolate", "finely grated"),
                ],
            ),
        ],
        "method": [
            ("Whisk the egg yolks and sugar until pale, thick and doubled in volume.", 5),
            "Beat in the mascarpone a spoonful at a time until smooth.",
            (
                "In a clean bowl, whisk the egg whites with the salt to soft peaks and fold them "
                "into the mascarpone in three additions, keeping in as much air as you can."
            ),
            (
                "Mix the coffee and liqueur in a shallow dish. Dip the biscuits one at a time, a "
                "second on each side, and lay them in a 20 x 30 cm dish."
            ),
            (
                "Spread over half the cream, add another layer of dipped biscuits and finish with "
                "the rest of the cream."
            ),
            (
                (
                    "Cover and chill for at least six hours, or overnight. Dust with cocoa and "
                    "scatter with grated chocolate just before serving."
                ),
                360,
            ),
        ],
        "tips": [
            (
                "The eggs are not cooked: use pasteurised eggs if you are serving anyone pregnant, "
                "elderly, very young or unwell."
            ),
            "Soggy biscuits make a sloppy tiramisu; a quick dip is enough.",
        ],
        "nutrition": (430, "8", "33", "29"),
    },
    {
        "slug": "creme-brulee",
        "title": "Crème brûlée",
        "summary": (
            "A just-set vanilla custard under a sheet of crackling caramel. Baking it slowly in a "
            "water bath keeps it silky."
        ),
        "palette": "citrus",
        "image_alt": (
            "A ramekin of crème brûlée with a cracked amber caramel top and a spoon beside it"
        ),
        "cuisine": "French",
        "course": "Dessert",
        "diets": ["Vegetarian", "Gluten free"],
        "tags": ["make-ahead", "dinner party"],
        "difficulty": "medium",
        "prep_minutes": 20,
        "cook_minutes": 40,
        "yield_amount": 6,
        "yield_unit": "ramekins",
        "authors": ["Lucía Fernández"],
        "related": ["tiramisu", "sticky-toffee-pudding", "coq-au-vin"],
        "ingredients": [
            (
                "For the custard",
                [
                    ("600", "ml", "double cream", ""),
                    ("1", "", "vanilla pod", "split lengthways, or 1 tsp vanilla bean paste"),
                    ("6", "", "egg yolks", ""),
                    ("75", "g", "caster sugar", ""),
                ],
            ),
            ("For the topping", [("6", "tbsp", "caster or demerara sugar", "")]),
        ],
        "method": [
            (
                (
                    "Heat the oven to 150°C (130°C fan). Warm the cream with the vanilla pod and "
                    "its seeds until steaming, then take off the heat and leave to infuse."
                ),
                10,
            ),
            (
                "Whisk the yolks and sugar together, then pour in the warm cream, whisking. Strain "
                "into a jug and skim off any foam."
            ),
            (
                "Divide between six ramekins in a roasting tin and pour boiling water into the tin "
                "to come halfway up their sides."
            ),
            ("Bake until set at the edges with a slight wobble in the centre.", 35),
            ("Lift out of the water, cool, then chill for at least four hours.", 240),
            (
                (
                    "Sprinkle a thin, even layer of sugar over each custard and caramelise with a "
                    "blowtorch until deep amber. Leave for a couple of minutes for the caramel to "
                    "harden."
                ),
                2,
            ),
        ],
        "step_images": {6: "A blowtorch caramelising the sugar on top of a crème brûlée"},
        "tips": [
            (
                "No blowtorch? Use a very hot grill, with the ramekins set in a tray of ice so the "
                "custard stays cold."
            ),
            (
                "The custards keep for three days in the fridge; caramelise the tops just before "
                "serving."
            ),
        ],
        "nutrition": (590, "5", "24", "53"),
    },
    {
        "slug": "sticky-toffee-pudding",
        "title": "Sticky toffee pudding",
        "summary": (
            "A light, dark date sponge soaked in toffee sauce, with more sauce on the side. The "
            "most comforting pudding in the British canon."
        ),
        "palette": "chocolate",
        "image_alt": (
            "A square of dark date sponge drenched in glossy toffee sauce with a scoop of vanilla "
            "ice cream"
        ),
        "cuisine": "British",
        "course": "Dessert",
        "diets": ["Vegetarian"],
        "tags": ["comfort food", "baking", "make-ahead"],
        "difficulty": "easy",
        "prep_minutes": 20,
        "cook_minutes": 35,
        "yield_amount": 8,
        "yield_unit": "servings",
        "authors": ["Lucía Fernández", "Tom Hale"],
        "related": ["shepherds-pie", "scones", "creme-brulee"],
        "ingredients": [
            (
                "For the sponge",
                [
                    ("200", "g", "Medjool dates", "pitted and chopped"),
                    ("250", "ml", "boiling water", ""),
                    ("1", "tsp", "bicarbonate of soda", ""),
                    ("85", "g", "unsalted butter", "softened, plus extra for the tin"),
                    ("140", "g", "dark muscovado sugar", ""),
                    ("2", "", "eggs", ""),
                    ("1", "tsp", "vanilla extract", ""),
                    ("175", "g", "self-raising flour", ""),
                ],
            ),
            (
                "For the toffee sauce",
                [
                    ("100", "g", "unsalted butter", ""),
                    ("150", "g", "dark muscovado sugar", ""),
                    ("300", "ml", "double cream", "divided"),
                    ("1", "pinch", "flaky sea salt", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Heat the oven to 180°C (160°C fan) and butter a 20 x 30 cm tin. Pour the "
                    "boiling water over the dates, stir in the bicarbonate of soda and leave to "
                    "soften."
                ),
                10,
            ),
            (
                "Beat the butter and sugar until fluffy, then beat in the eggs one at a time, "
                "followed by the vanilla."
            ),
            "Fold in the flour, then the dates and their liquid. The batter will be loose.",
            ("Pour into the tin and bake until risen and a skewer comes out clean.", 30),
            (
                (
                    "Meanwhile, melt the butter and sugar for the sauce with half the cream and "
                    "simmer until dark and glossy. Stir in the rest of the cream and the salt."
                ),
                3,
            ),
            (
                (
                    "Poke holes all over the hot sponge, pour over a third of the sauce and leave "
                    "it to soak in. Serve in squares with the remaining sauce and cream or ice "
                    "cream."
                ),
                5,
            ),
        ],
        "tips": [
            "Bake the sponge a day ahead, soak it with sauce, and reheat it covered in a low oven.",
        ],
        "nutrition": (560, "5", "64", "32"),
    },
    {
        "slug": "scones",
        "title": "Classic scones",
        "summary": (
            "Tall, light scones with a soft crumb and golden tops, ready in half an hour. Serve "
            "warm with jam and clotted cream."
        ),
        "palette": "bread",
        "image_alt": (
            "Tall golden scones on a wire rack next to a dish of strawberry jam and clotted cream"
        ),
        "cuisine": "British",
        "course": "Baking",
        "diets": ["Vegetarian"],
        "tags": ["baking", "afternoon tea", "quick"],
        "difficulty": "easy",
        "prep_minutes": 15,
        "cook_minutes": 12,
        "yield_amount": 8,
        "yield_unit": "scones",
        "authors": ["Lucía Fernández"],
        "related": ["banana-bread", "sticky-toffee-pudding", "buttermilk-pancakes"],
        "ingredients": [
            (
                "For the scones",
                [
                    ("350", "g", "self-raising flour", "plus extra for dusting"),
                    ("1", "tsp", "baking powder", ""),
                    ("1/4", "tsp", "salt", ""),
                    ("85", "g", "cold unsalted butter", "cubed"),
                    ("3", "tbsp", "caster sugar", ""),
                    ("175", "ml", "whole milk", ""),
                    ("1", "tsp", "vanilla extract", ""),
                    ("1", "tsp", "lemon juice", ""),
                    ("1", "", "egg", "beaten, to glaze"),
                ],
            ),
            ("To serve", [("150", "g", "strawberry jam", ""), ("150", "g", "clotted cream", "")]),
        ],
        "method": [
            "Heat the oven to 220°C (200°C fan) and put a baking tray in to heat.",
            (
                "Rub the butter into the flour, baking powder and salt with your fingertips until "
                "it looks like fine breadcrumbs, then stir in the sugar."
            ),
            (
                "Warm the milk until just tepid and stir in the vanilla and lemon juice. It will "
                "curdle slightly, which is what you want."
            ),
            (
                "Make a well in the flour, pour in the milk and cut through with a table knife "
                "until a soft, rough dough forms. Tip it out and fold it over a couple of times: "
                "do not knead."
            ),
            (
                "Pat the dough to 4 cm thick and stamp out rounds with a 5 cm cutter, pushing "
                "straight down without twisting. Brush the tops with egg."
            ),
            (
                (
                    "Put the scones on the hot tray and bake until well risen and golden. Cool on "
                    "a rack and serve warm with jam and cream."
                ),
                10,
            ),
        ],
        "step_images": {5: "Rounds of scone dough stamped out with a cutter and brushed with egg"},
        "tips": [
            "In Devon the cream goes on first; in Cornwall the jam does. Both are delicious.",
            "Twisting the cutter seals the edges and stops the scones rising evenly.",
        ],
        "nutrition": (330, "7", "45", "13"),
    },
    {
        "slug": "banana-bread",
        "title": "Banana bread",
        "summary": (
            "A moist, deeply flavoured loaf from very ripe bananas, made in one bowl with no "
            "mixer. The blacker the bananas, the better the bread."
        ),
        "palette": "bread",
        "image_alt": (
            "A loaf of banana bread with a cracked golden top, two thick slices cut to show a "
            "moist crumb with walnuts"
        ),
        "cuisine": None,
        "course": "Baking",
        "diets": ["Vegetarian"],
        "tags": ["baking", "make-ahead", "family"],
        "difficulty": "easy",
        "prep_minutes": 15,
        "cook_minutes": 60,
        "yield_amount": 10,
        "yield_unit": "slices",
        "authors": ["Lucía Fernández", "Tom Hale"],
        "related": ["scones", "buttermilk-pancakes", "overnight-oats"],
        "ingredients": [
            (
                "",
                [
                    ("3", "", "very ripe bananas", "about 350 g peeled"),
                    ("1/3", "cup", "unsalted butter", "melted (75 g)"),
                    ("3/4", "cup", "light brown sugar", ""),
                    ("1", "", "egg", "beaten"),
                    ("1", "tsp", "vanilla extract", ""),
                    ("1", "tsp", "bicarbonate of soda", ""),
                    ("1", "pinch", "salt", ""),
                    ("1/2", "tsp", "ground cinnamon", ""),
                    ("1 1/2", "cup", "plain flour", ""),
                    ("1/2", "cup", "walnuts", "roughly chopped (optional)"),
                ],
            ),
        ],
        "method": [
            "Heat the oven to 175°C (155°C fan) and line a 900 g loaf tin with baking paper.",
            (
                "Mash the bananas with a fork in a large bowl until almost smooth, then stir in "
                "the melted butter."
            ),
            "Mix in the sugar, egg and vanilla.",
            (
                "Sprinkle over the bicarbonate of soda, salt and cinnamon and stir in, then fold "
                "in the flour and walnuts until just combined."
            ),
            (
                (
                    "Pour into the tin and bake until a skewer pushed into the middle comes out "
                    "clean. If the top browns too quickly, cover it loosely with foil after 40 "
                    "minutes."
                ),
                60,
            ),
            ("Cool in the tin, then lift out onto a rack to cool completely before slicing.", 10),
        ],
        "tips": [
            "Freeze over-ripe bananas in their skins; thaw them and they are perfect for this.",
            "Wrapped well, the loaf keeps for four days and tastes better on day two.",
        ],
        "nutrition": (260, "4", "38", "11"),
    },
]
