"""Demo articles about cooking technique."""

from .data_types import ArticleData

TECHNIQUE_ARTICLES: list[ArticleData] = [
    {
        "slug": "why-you-should-salt-pasta-water",
        "title": "Why you should salt pasta water",
        "introduction": (
            "Salt in the water seasons pasta all the way through; salt at the table only coats it. "
            "Here is how much to use, when to add it, and two myths to forget."
        ),
        "palette": "bread",
        "image_alt": (
            "A large pot of boiling water on the hob with a handful of salt being thrown in and "
            "dried spaghetti beside it"
        ),
        "authors": ["Amara Okafor"],
        "tags": ["pasta", "technique", "basics"],
        "days_ago": 12,
        "body": [
            (
                "paragraph",
                (
                    "<p>Pasta absorbs water as it cooks, and whatever is dissolved in that water "
                    "ends up inside it. Salt the water and the pasta is seasoned through; leave it "
                    "out and no amount of sauce or salt at the table will fix the flat, starchy "
                    "taste underneath.</p>"
                ),
            ),
            ("heading", "How much salt?"),
            (
                "paragraph",
                (
                    "<p>Aim for about <b>10 g of salt per litre</b> of water: a 1% solution. That "
                    "is roughly two level teaspoons of fine salt, or a heaped tablespoon of flaky "
                    "sea salt, which is far less dense. Use about a litre of water for every 100 g "
                    "of pasta.</p><p>You will often read that pasta water should be <i>as salty as "
                    "the sea</i>. It should not: sea water is about 3.5% salt, and pasta cooked in "
                    "it is inedible.</p>"
                ),
            ),
            (
                "table",
                "Salt for pasta water (about 1%)",
                [
                    ["Pasta", "Water", "Fine salt"],
                    ["200 g (2 servings)", "2 litres", "20 g (4 level tsp)"],
                    ["400 g (4 servings)", "4 litres", "40 g (8 level tsp)"],
                    ["500 g (5 to 6 servings)", "5 litres", "50 g (3 level tbsp)"],
                ],
            ),
            (
                "callout",
                "tip",
                "Adjust for the sauce",
                (
                    "<p>With a salty sauce (carbonara with pecorino and guanciale, puttanesca with "
                    "capers and olives) use a little less salt in the water, because you will add "
                    "some of that water to the sauce.</p>"
                ),
            ),
            ("heading", "When to add it"),
            (
                "paragraph",
                (
                    "<p>Add the salt once the water boils: it dissolves at once, and salt sitting "
                    "in cold water can pit stainless-steel pans. Salt does not make the water boil "
                    "noticeably hotter, either. At 1% it raises the boiling point by less than a "
                    "fifth of a degree.</p>"
                ),
            ),
            (
                "recipe_card",
                "spaghetti-carbonara",
                "Salted, starchy pasta water is what turns eggs and cheese into a sauce here.",
            ),
        ],
    },
    {
        "slug": "knife-skills-five-cuts",
        "title": "Knife skills: five cuts every cook should know",
        "introduction": (
            "Most of cooking is chopping. Learn to hold a knife properly and master five cuts, and "
            "every recipe gets quicker, safer and more even."
        ),
        "palette": "greens",
        "image_alt": (
            "A chef's knife on a wooden board beside neat piles of diced onion, carrot and celery"
        ),
        "authors": ["Tom Hale"],
        "tags": ["technique", "basics", "knife skills"],
        "days_ago": 30,
        "body": [
            (
                "paragraph",
                (
                    "<p>Evenly cut food cooks evenly. A pan of onions diced to the same size "
                    "softens together instead of burning at the edges while the big pieces stay "
                    "raw. Good knife work is not about speed; speed comes on its own once the "
                    "movements are right.</p>"
                ),
            ),
            ("heading", "Hold the knife properly"),
            (
                "paragraph",
                (
                    "<p>Use a <b>pinch grip</b>: pinch the blade just in front of the handle "
                    "between your thumb and the side of your index finger, and wrap the other "
                    "fingers around the handle. Your other hand makes a <b>claw</b>, fingertips "
                    "tucked under, so the flat of the blade rests against your knuckles and they "
                    "guide each cut.</p>"
                ),
            ),
            ("heading", "The five cuts"),
            (
                "paragraph",
                (
                    "<ol><li><b>Rough chop</b>: pieces of about the same size, shape unimportant. "
                    "For stocks, soups that will be blended and long braises.</li><li><b>Dice</b>: "
                    "square off the vegetable, cut it into planks, the planks into sticks and the "
                    "sticks into cubes. Small dice is about 5 mm, medium 1 cm, large 2 "
                    "cm.</li><li><b>Mince</b>: the finest chop, for garlic, ginger and chilli. "
                    "Rock the blade back and forth over the pile, keeping the tip on the "
                    "board.</li><li><b>Julienne</b>: matchsticks about 3 mm thick, for stir-fries "
                    "and salads. Cut thin planks, stack them and slice into "
                    "sticks.</li><li><b>Chiffonade</b>: ribbons of leafy herbs and greens. Stack "
                    "the leaves, roll them tightly and slice across the roll.</li></ol>"
                ),
            ),
            (
                "image",
                "Mirepoix on a chopping board",
                "Onion, carrot and celery cut into an even medium dice on a wooden board",
                "greens",
                "A medium dice: onion, carrot and celery for a soffritto.",
            ),
            (
                "callout",
                "tip",
                "A sharp knife is a safe knife",
                (
                    "<p>A blunt knife needs more force and skids off the skin of an onion or "
                    "tomato, which is how most kitchen cuts happen. Hone the edge on a steel "
                    "before each use and have it sharpened two or three times a year.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>To dice an onion, halve it through the root, peel it and leave the root on "
                    "to hold the layers together. Make vertical cuts towards the root without "
                    "cutting through it, then slice across. The onion falls into dice.</p>"
                ),
            ),
            (
                "recipe_card",
                "tabbouleh",
                "Tabbouleh is almost all knife work: perfect practice for a fine chop.",
            ),
        ],
    },
    {
        "slug": "the-science-of-browning",
        "title": "The science of browning",
        "introduction": (
            "The crust on a steak, the colour of toast and the sweetness of slow-cooked onions all "
            "come from two reactions. Understand them and you can get more flavour from everything "
            "you cook."
        ),
        "palette": "chocolate",
        "image_alt": (
            "Chicken thighs browning skin side down in a heavy pan, with deep golden crusts"
        ),
        "authors": ["Tom Hale"],
        "tags": ["science", "technique"],
        "days_ago": 55,
        "body": [
            (
                "paragraph",
                (
                    "<p>Browning is flavour. When food browns it does not just change colour: "
                    "hundreds of new aroma compounds form, and they are what make roast chicken "
                    "smell like roast chicken rather than poached chicken.</p>"
                ),
            ),
            ("heading", "The Maillard reaction"),
            (
                "paragraph",
                (
                    "<p>The Maillard reaction happens between amino acids (from proteins) and "
                    "certain sugars. It gets going properly above about 140°C, which is why meat "
                    "browns in a hot pan but never in a simmering stew. Water cannot get hotter "
                    "than 100°C, so a wet surface cannot brown until it has dried out.</p>"
                ),
            ),
            ("heading", "Caramelisation"),
            (
                "paragraph",
                (
                    "<p>Caramelisation is what happens to sugar on its own when it is heated past "
                    "about 160°C: it melts, breaks down and recombines into compounds that taste "
                    "nutty, buttery and, taken further, bitter. Slowly cooked onions owe their "
                    "colour to both reactions at once.</p>"
                ),
            ),
            (
                "table",
                "Where browning happens",
                [
                    ["Reaction", "Needs", "Starts around", "Tastes"],
                    ["Maillard", "Protein and sugar", "140°C", "Roasted, savoury, meaty"],
                    ["Caramelisation", "Sugar", "160°C", "Nutty, toffee, bitter when dark"],
                    ["Burning", "Anything, too long", "Well above 200°C", "Acrid, ashy"],
                ],
            ),
            (
                "callout",
                "tip",
                "Dry it, space it, leave it",
                (
                    "<p>Pat meat and vegetables dry before they go in the pan. Do not crowd the "
                    "pan, or the food steams in its own juices. And do not move it: food that is "
                    "browning properly releases from the pan on its own.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>A little alkalinity speeds the Maillard reaction up. A pinch of "
                    "bicarbonate of soda helps onions brown faster, and it is why pretzels are "
                    "dipped in an alkaline bath before baking.</p>"
                ),
            ),
            (
                "recipe_card",
                "coq-au-vin",
                "Brown the chicken and lardons well: the sauce depends on it.",
            ),
            ("recipe_card", "creme-brulee", "Caramelisation in its purest form."),
        ],
    },
    {
        "slug": "beginners-guide-to-sourdough",
        "title": "A beginner's guide to sourdough",
        "introduction": (
            "A sourdough starter takes a week and two ingredients. Here is how to make one, how to "
            "tell when it is ready and a weekend schedule for your first loaf."
        ),
        "palette": "bread",
        "image_alt": (
            "A round sourdough loaf with a deep brown crust and an open scored ear, cooling on a "
            "rack"
        ),
        "authors": ["Ravi Menon", "Lucía Fernández"],
        "tags": ["baking", "bread", "sourdough"],
        "days_ago": 80,
        "body": [
            (
                "paragraph",
                (
                    "<p>Sourdough is bread raised by a culture of wild yeasts and lactic acid "
                    "bacteria instead of packet yeast. The bacteria give the bread its gentle "
                    "sourness, and the long, slow rise gives it a chewy, open crumb and a crust "
                    "that keeps for days.</p>"
                ),
            ),
            ("heading", "Making a starter"),
            (
                "paragraph",
                (
                    "<ol><li><b>Day 1</b>: in a clean jar, mix 50 g wholemeal flour (rye is most "
                    "reliable) with 50 g lukewarm water. Cover loosely and leave at room "
                    "temperature.</li><li><b>Days 2 to 7</b>: once a day, discard all but 50 g of "
                    "the starter and feed it with 50 g flour and 50 g water.</li><li><b>Ready</b>: "
                    "when it reliably doubles within four to eight hours of a feed, smells "
                    "pleasantly sour and is full of bubbles. This usually takes five to ten "
                    "days.</li></ol>"
                ),
            ),
            (
                "callout",
                "warning",
                "When to start again",
                (
                    "<p>A grey liquid on top just means the starter is hungry: pour it off and "
                    "feed it. But pink or orange streaks or fuzzy mould mean it has been "
                    "contaminated. Throw it away and start again with a clean jar.</p>"
                ),
            ),
            ("heading", "Your first loaf"),
            (
                "table",
                "A weekend schedule",
                [
                    ["When", "What to do"],
                    ["Friday, 9pm", "Feed the starter"],
                    [
                        "Saturday, 9am",
                        (
                            "Mix 450 g strong white flour, 50 g wholemeal, 350 g water and 100 g "
                            "active starter; rest for an hour"
                        ),
                    ],
                    [
                        "Saturday, 10am",
                        "Add 10 g salt; stretch and fold four times, 30 minutes apart",
                    ],
                    [
                        "Saturday, 3pm",
                        (
                            "When the dough has risen by about half, shape it, put it in a floured "
                            "basket and refrigerate overnight"
                        ),
                    ],
                    [
                        "Sunday, 8am",
                        (
                            "Bake in a lidded pot heated to 250°C: 20 minutes with the lid on, "
                            "then 20 to 25 minutes at 230°C without"
                        ),
                    ],
                ],
            ),
            (
                "paragraph",
                (
                    "<p>Timings depend on the warmth of your kitchen: dough that rises in four "
                    "hours at 24°C may need eight at 19°C. Let the bread cool for at least an hour "
                    "before cutting it, because the crumb is still setting.</p>"
                ),
            ),
            ("quote", "Watch the dough, not the clock.", "Ravi Menon"),
            (
                "recipe_card",
                "margherita-pizza",
                "Not ready for sourdough yet? Start with a simple yeasted pizza dough.",
            ),
        ],
    },
]
