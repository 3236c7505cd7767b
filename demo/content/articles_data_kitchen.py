"""Demo articles about stocking, planning and testing in the kitchen."""

from .data_types import ArticleData

KITCHEN_ARTICLES: list[ArticleData] = [
    {
        "slug": "how-to-stock-a-spice-drawer",
        "title": "How to stock a spice drawer",
        "introduction": (
            "A small drawer of fresh spices beats a rack of dusty jars. Ten to start with, how "
            "long they keep, and why whole spices are worth the grinding."
        ),
        "palette": "curry",
        "image_alt": (
            "Small bowls of whole spices: cumin and coriander seeds, cinnamon sticks, dried "
            "chillies and turmeric"
        ),
        "authors": ["Ravi Menon"],
        "tags": ["pantry", "spices", "basics"],
        "days_ago": 20,
        "body": [
            (
                "paragraph",
                (
                    "<p>Spices lose their aroma long before they look any different. A jar of "
                    "ground cumin that has sat in a warm cupboard for three years adds colour and "
                    "not much else. Buy less, more often, and keep it somewhere cool and dark.</p>"
                ),
            ),
            ("heading", "Start with these ten"),
            (
                "paragraph",
                (
                    "<ul><li><b>Cumin seeds</b>: earthy and warm, for dals, chillies and roast "
                    "vegetables.</li><li><b>Coriander seeds</b>: citrusy and sweet; the partner to "
                    "cumin.</li><li><b>Black peppercorns</b>: always whole, always freshly "
                    "ground.</li><li><b>Smoked paprika</b>: instant smokiness for beans, eggs and "
                    "stews.</li><li><b>Chilli flakes</b>: heat you can add a pinch at a "
                    "time.</li><li><b>Ground turmeric</b>: colour and a gentle "
                    "bitterness.</li><li><b>Cinnamon sticks</b>: for rice, braises and "
                    "baking.</li><li><b>Fennel seeds</b>: sweet anise notes for sausages, pork and "
                    "tomato sauces.</li><li><b>Black mustard seeds</b>: they pop in hot oil and "
                    "turn nutty.</li><li><b>Garam masala</b>: a warm blend to finish "
                    "curries.</li></ul>"
                ),
            ),
            ("heading", "Whole or ground?"),
            (
                "paragraph",
                (
                    "<p>Whole spices keep their aromatic oils locked inside until you crush them, "
                    "so they last far longer than ground ones. Buy whole wherever you can and "
                    "grind small amounts in a pestle and mortar or an old coffee grinder. Turmeric "
                    "and paprika are the exceptions: they are hard to grind at home, so buy them "
                    "ground and in small packets.</p>"
                ),
            ),
            (
                "table",
                "How long spices keep their flavour",
                [
                    ["Form", "Keeps well for"],
                    ["Whole seeds and pods", "1 to 2 years"],
                    ["Ground spices", "About 6 months"],
                    ["Dried leafy herbs", "6 to 12 months"],
                    ["Spice blends", "3 to 6 months"],
                ],
            ),
            (
                "callout",
                "tip",
                "Toast, then grind",
                (
                    "<p>Toast whole seeds in a dry pan over a medium heat, shaking it, for a "
                    "minute or two until fragrant and a shade darker. Let them cool before "
                    "grinding.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Label jars with the date you bought them, keep them away from the hob, and "
                    "shop where turnover is high: Indian, Middle Eastern and Chinese grocers sell "
                    "fresher spices, in bigger packets, for much less than supermarkets.</p>"
                ),
            ),
            ("recipe_card", "dal-tadka", "A lesson in blooming whole spices in hot oil."),
        ],
    },
    {
        "slug": "eating-seasonally-in-autumn",
        "title": "Eating seasonally in autumn",
        "introduction": (
            "Autumn is the most generous season in the kitchen: squash, mushrooms, apples and the "
            "first brassicas, all asking to be roasted and braised."
        ),
        "palette": "citrus",
        "image_alt": (
            "A market table of autumn produce: squashes, apples, wild mushrooms and bunches of kale"
        ),
        "authors": ["Amara Okafor"],
        "tags": ["seasonal", "autumn", "vegetables"],
        "days_ago": 45,
        "body": [
            (
                "paragraph",
                (
                    "<p>Seasonal produce is cheaper, tastes better and has travelled less. In "
                    "autumn that matters most, because the food in season is exactly what you want "
                    "to eat as the evenings draw in.</p>"
                ),
            ),
            ("heading", "What's good now"),
            (
                "table",
                "Autumn produce in northern Europe",
                [
                    ["Produce", "Best from", "Try it"],
                    ["Squash and pumpkin", "September to December", "Roasted with chilli and sage"],
                    [
                        "Wild and chestnut mushrooms",
                        "September to November",
                        "In risotto or on toast",
                    ],
                    ["Apples and pears", "September to January", "Baked, or sliced into salads"],
                    ["Blackberries", "August to October", "With apples in a crumble"],
                    [
                        "Kale and cavolo nero",
                        "October to February",
                        "Shredded into soups and pasta",
                    ],
                    ["Quince", "October to November", "Poached slowly until ruby red"],
                ],
            ),
            ("heading", "Cook slower"),
            (
                "paragraph",
                (
                    "<p>Autumn food rewards patience. Braises and stews turn cheap cuts tender, "
                    "roasting concentrates the sugar in squash and roots, and a pot that simmers "
                    "for an afternoon warms the kitchen as well as the cook. Make double and "
                    "freeze half: you will be glad of it in January.</p>"
                ),
            ),
            (
                "quote",
                "One cannot think well, love well, sleep well, if one has not dined well.",
                "Virginia Woolf, A Room of One's Own",
            ),
            (
                "recipe_card",
                "risotto-ai-funghi",
                "Dried porcini and fresh chestnut mushrooms, at their best now.",
            ),
            ("recipe_card", "shepherds-pie", "The ultimate autumn supper."),
            (
                "paragraph",
                (
                    "<p>Store squash somewhere cool and airy and it keeps for months. Apples keep "
                    "best in the fridge, away from other fruit and vegetables, because the "
                    "ethylene gas they give off ripens everything around them.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "batch-cooking-for-busy-weeks",
        "title": "Batch cooking for busy weeks",
        "introduction": (
            "Two hours on a Sunday can feed you well all week. What to cook, what freezes, and how "
            "to store it safely."
        ),
        "palette": "curry",
        "image_alt": (
            "Labelled containers of dal, stew and rice stacked on a kitchen counter, ready for the "
            "freezer"
        ),
        "authors": ["Tom Hale", "Ravi Menon"],
        "tags": ["make-ahead", "batch cooking", "weeknight"],
        "days_ago": 8,
        "body": [
            (
                "paragraph",
                (
                    "<p>Batch cooking is not about eating the same stew five nights running. Done "
                    "well, it means a freezer full of good meals and a fridge full of building "
                    "blocks that turn into a quick dinner in ten minutes.</p>"
                ),
            ),
            ("heading", "Cook components, not just meals"),
            (
                "paragraph",
                (
                    "<p>Alongside one big pot of something, cook a few components: a tray of "
                    "roasted vegetables, a pot of grains or beans, a jar of dressing and a sauce. "
                    "Combined differently through the week they become grain bowls, pasta, soups "
                    "and wraps.</p>"
                ),
            ),
            ("heading", "What freezes well"),
            (
                "table",
                "Freezer guide",
                [
                    ["Food", "Freezes?", "Notes"],
                    [
                        "Stews, curries and dals",
                        "Yes, up to 3 months",
                        "Freeze flat in bags so they thaw quickly",
                    ],
                    ["Soups", "Yes, up to 3 months", "Leave out cream and add it when reheating"],
                    [
                        "Cooked rice",
                        "Yes, up to 1 month",
                        "Cool within an hour and freeze in portions",
                    ],
                    [
                        "Mashed potato",
                        "Yes, with plenty of butter",
                        "Reheat from frozen in a covered dish",
                    ],
                    ["Cooked pasta", "Poorly", "Freeze the sauce and cook pasta fresh"],
                    ["Salad leaves and cucumber", "No", "They turn to mush"],
                ],
            ),
            (
                "callout",
                "warning",
                "Cool it quickly",
                (
                    "<p>Get cooked food into the fridge or freezer within two hours, and rice "
                    "within one. Divide big batches into shallow containers so they cool fast. "
                    "Reheat until steaming hot all the way through, and reheat only once.</p>"
                ),
            ),
            ("recipe_card", "dal-tadka", "Doubles easily and freezes perfectly."),
            ("recipe_card", "pozole-rojo", "Even better on day two."),
            ("recipe_card", "shepherds-pie", "Assemble two, bake one, freeze one."),
            (
                "paragraph",
                (
                    "<p>Label everything with what it is and the date. A freezer full of "
                    "unlabelled brown tubs is how batch cooking ends up in the bin.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "how-we-test-recipes",
        "title": "How we test recipes",
        "introduction": (
            "Every recipe on Foodie is cooked at least three times, by at least two people, in "
            "ordinary home kitchens. This is what we check and why."
        ),
        "palette": "berry",
        "image_alt": (
            "A kitchen counter with a notebook of handwritten notes, measuring spoons, scales and "
            "a tray of scones"
        ),
        "authors": ["Lucía Fernández"],
        "tags": ["behind the scenes"],
        "days_ago": 120,
        "body": [
            (
                "paragraph",
                (
                    "<p>A recipe is a set of instructions for someone who is not in the room. If "
                    "it only works when its author cooks it, it does not work. So before anything "
                    "is published, other people cook it from the page.</p>"
                ),
            ),
            ("heading", "Three cooks, three kitchens"),
            (
                "paragraph",
                (
                    "<p>The developer cooks the recipe until it is right and writes it down. A "
                    "tester then cooks it using only the written recipe, noting every question, "
                    "hesitation and substitution. Finally a third cook makes it in a different "
                    "kitchen: gas instead of electric, a fan oven instead of a conventional one, a "
                    "cheap pan instead of a heavy one.</p>"
                ),
            ),
            ("heading", "Weights, volumes and times"),
            (
                "paragraph",
                (
                    "<p>We give weights for baking, because a cup of flour can weigh anything from "
                    "120 g to 160 g depending on how it is scooped. Cooking times always come with "
                    "a sign to look for (<i>until golden</i>, <i>until the sauce coats a "
                    "spoon</i>), because your hob is not our hob. Steps that involve waiting have "
                    "a timer you can start from the page.</p>"
                ),
            ),
            (
                "quote",
                "If a tester has to ask a question, the recipe has a bug.",
                "Lucía Fernández",
            ),
            (
                "paragraph",
                (
                    "<p>Nutrition is calculated per serving from the ingredients, and the diets we "
                    "list (vegan, vegetarian, gluten free, dairy free) are checked against every "
                    "ingredient, including the ones in stock cubes and sauces.</p>"
                ),
            ),
            (
                "callout",
                "note",
                "Found a mistake?",
                (
                    "<p>Tell us at hello@example.com. We fix errors within a day and note the "
                    "change on the recipe.</p>"
                ),
            ),
            (
                "recipe_card",
                "sticky-toffee-pudding",
                "Our most re-tested recipe: seven rounds before the sauce was right.",
            ),
        ],
    },
]
