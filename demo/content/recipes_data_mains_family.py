"""Demo recipes: bakes and stews that feed a crowd."""

from .data_types import RecipeData

FAMILY_MAINS: list[RecipeData] = [
    {
        "slug": "shepherds-pie",
        "title": "Shepherd's pie",
        "summary": (
            "Slow-simmered lamb mince with carrots and peas under a buttery mash with a crisp, "
            "golden top. Britain's best family supper."
        ),
        "palette": "bread",
        "image_alt": (
            "A baking dish of shepherd's pie with a golden, forked mashed potato top and rich lamb "
            "filling"
        ),
        "cuisine": "British",
        "course": "Main",
        "diets": [],
        "tags": ["comfort food", "family", "make-ahead"],
        "difficulty": "easy",
        "prep_minutes": 25,
        "cook_minutes": 80,
        "yield_amount": 6,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["sticky-toffee-pudding", "coq-au-vin"],
        "ingredients": [
            (
                "For the filling",
                [
                    ("2", "tbsp", "vegetable oil", ""),
                    ("800", "g", "minced lamb", ""),
                    ("1", "", "onion", "finely chopped"),
                    ("2", "", "carrots", "finely diced"),
                    ("2", "", "celery sticks", "finely diced"),
                    ("2", "tbsp", "tomato purée", ""),
                    ("1", "tbsp", "plain flour", ""),
                    ("2", "tbsp", "Worcestershire sauce", ""),
                    ("500", "ml", "lamb or beef stock", ""),
                    ("3", "", "sprigs of thyme", ""),
                    ("1", "", "bay leaf", ""),
                    ("150", "g", "frozen peas", ""),
                ],
            ),
            (
                "For the mash",
                [
                    (
                        "1.2",
                        "kg",
                        "floury potatoes",
                        "such as Maris Piper, peeled and cut into chunks",
                    ),
                    ("75", "g", "butter", ""),
                    ("100", "ml", "milk", "warmed"),
                    ("50", "g", "mature cheddar", "grated (optional)"),
                    ("", "to_taste", "salt and white pepper", ""),
                ],
            ),
        ],
        "method": [
            {"section": "Make the filling"},
            (
                (
                    "Heat the oil in a large pan over a high heat and brown the lamb in two "
                    "batches until well coloured, breaking it up as it cooks. Spoon off excess fat."
                ),
                10,
            ),
            ("Lower the heat, add the onion, carrots and celery and cook until soft.", 10),
            (
                (
                    "Stir in the tomato purée and flour for a minute, then add the Worcestershire "
                    "sauce, stock, thyme, bay and the lamb. Simmer gently, stirring now and then, "
                    "until thick and rich. Stir in the peas at the end."
                ),
                40,
            ),
            {"section": "Top and bake"},
            (
                (
                    "Meanwhile, boil the potatoes in salted water until tender. Drain, leave to "
                    "steam dry for a couple of minutes, then mash with the butter and milk and "
                    "season well."
                ),
                20,
            ),
            (
                "Heat the oven to 200°C (180°C fan). Spoon the filling into a baking dish and let "
                "it cool a little so the mash sits on top. Spread over the mash, rough it up with "
                "a fork and scatter with cheese."
            ),
            ("Bake until golden on top and bubbling at the edges.", 25),
        ],
        "tips": [
            "Made with beef instead of lamb, this is a cottage pie.",
            "Assemble up to two days ahead and bake from the fridge, adding 15 minutes.",
        ],
        "nutrition": (590, "34", "45", "30"),
    },
    {
        "slug": "chicken-enchiladas",
        "title": "Chicken enchiladas with red chilli sauce",
        "summary": (
            "Tortillas rolled around chicken, black beans and cheese, baked in a quick homemade "
            "red chilli sauce until bubbling. A brilliant use for leftover roast chicken."
        ),
        "palette": "tomato",
        "image_alt": (
            "A baking dish of chicken enchiladas in red chilli sauce with melted cheese, soured "
            "cream and spring onions"
        ),
        "cuisine": "Mexican",
        "course": "Main",
        "diets": [],
        "tags": ["family", "make-ahead", "comfort food"],
        "difficulty": "medium",
        "prep_minutes": 25,
        "cook_minutes": 40,
        "yield_amount": 4,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["guacamole", "pozole-rojo", "huevos-rancheros"],
        "ingredients": [
            (
                "For the red chilli sauce",
                [
                    ("2", "tbsp", "vegetable oil", ""),
                    ("2", "tbsp", "plain flour", ""),
                    ("2", "tbsp", "ancho chilli powder", ""),
                    ("1", "tsp", "ground cumin", ""),
                    ("1", "tsp", "dried oregano", ""),
                    ("2", "clove", "garlic", "crushed"),
                    ("2", "tbsp", "tomato purée", ""),
                    ("500", "ml", "chicken stock", ""),
                    ("", "to_taste", "salt", ""),
                ],
            ),
            (
                "For the filling",
                [
                    ("500", "g", "cooked chicken", "shredded"),
                    ("1", "can", "black beans", "400 g, drained and rinsed"),
                    ("150", "g", "cheddar or Monterey Jack", "grated"),
                    ("1", "tsp", "ground cumin", ""),
                    ("1", "handful", "coriander", "chopped"),
                ],
            ),
            (
                "To assemble",
                [
                    ("8", "", "flour tortillas", "20 cm"),
                    ("100", "g", "cheddar or Monterey Jack", "grated"),
                    ("100", "ml", "soured cream", ""),
                    ("2", "", "spring onions", "sliced"),
                ],
            ),
        ],
        "method": [
            (
                "Heat the oil in a saucepan, whisk in the flour and cook for a minute. Add the "
                "chilli powder, cumin, oregano and garlic and stir for 30 seconds."
            ),
            (
                (
                    "Whisk in the tomato purée and stock and simmer, whisking now and then, until "
                    "the sauce coats the back of a spoon. Season with salt."
                ),
                10,
            ),
            (
                "Heat the oven to 190°C (170°C fan). Mix the chicken, beans, cheese, cumin and "
                "coriander with 125 ml of the sauce."
            ),
            (
                "Spread a thin layer of sauce over the base of a baking dish. Divide the filling "
                "between the tortillas, roll them up and lay them seam side down in the dish."
            ),
            (
                (
                    "Pour over the rest of the sauce, scatter with the remaining cheese and bake "
                    "until bubbling and golden."
                ),
                20,
            ),
            ("Leave to settle before serving with soured cream and spring onions.", 5),
        ],
        "tips": [
            (
                "Assemble up to a day ahead, keep covered in the fridge, and add ten minutes to "
                "the baking time."
            ),
            (
                "Corn tortillas make the dish gluten free if you thicken the sauce with masa "
                "harina instead of flour."
            ),
        ],
    },
    {
        "slug": "pozole-rojo",
        "title": "Pozole rojo",
        "summary": (
            "A festive Mexican pork and hominy soup in a brick-red broth of dried chillies, served "
            "with a table of crunchy garnishes for everyone to add their own."
        ),
        "palette": "tomato",
        "image_alt": (
            "A bowl of red pozole with pork and hominy, topped with shredded cabbage, radish "
            "slices and lime"
        ),
        "cuisine": "Mexican",
        "course": "Main",
        "diets": ["Gluten free", "Dairy free"],
        "tags": ["party", "make-ahead", "one-pot", "comfort food"],
        "difficulty": "medium",
        "prep_minutes": 30,
        "cook_minutes": 150,
        "yield_amount": 8,
        "yield_unit": "servings",
        "authors": ["Tom Hale"],
        "related": ["chicken-enchiladas", "guacamole"],
        "ingredients": [
            (
                "For the soup",
                [
                    ("1.5", "kg", "pork shoulder", "cut into 5 cm chunks"),
                    ("1", "", "onion", "halved"),
                    ("1", "", "garlic bulb", "halved across the middle"),
                    ("2", "", "bay leaves", ""),
                    ("1", "tbsp", "dried Mexican oregano", ""),
                    ("1", "tbsp", "salt", ""),
                    ("3", "l", "water", ""),
                    ("2", "can", "white hominy", "about 800 g each, drained and rinsed"),
                ],
            ),
            (
                "For the chilli sauce",
                [
                    ("6", "", "dried guajillo chillies", "stemmed and deseeded"),
                    ("3", "", "dried ancho chillies", "stemmed and deseeded"),
                    ("4", "clove", "garlic", ""),
                    ("1/2", "", "onion", ""),
                    ("1", "tsp", "ground cumin", ""),
                ],
            ),
            (
                "To serve",
                [
                    ("1/4", "", "white cabbage", "finely shredded"),
                    ("8", "", "radishes", "thinly sliced"),
                    ("1", "", "white onion", "finely diced"),
                    ("2", "", "limes", "cut into wedges"),
                    ("8", "", "tostadas", ""),
                ],
            ),
        ],
        "method": [
            (
                (
                    "Put the pork, onion, garlic bulb, bay, oregano, salt and water in a large "
                    "pot. Bring to the boil, skim off the foam, then simmer gently, partly covered."
                ),
                90,
            ),
            (
                (
                    "Meanwhile, toast the chillies in a dry frying pan for about 30 seconds a side "
                    "until fragrant, then soak them in hot water until soft."
                ),
                20,
            ),
            (
                "Blend the chillies with the garlic, onion, cumin and 250 ml of their soaking "
                "water until very smooth, then push through a sieve."
            ),
            (
                (
                    "Take the onion, garlic and bay out of the pot. Stir in the chilli sauce and "
                    "hominy and simmer until the pork is falling apart and the hominy kernels have "
                    "bloomed."
                ),
                45,
            ),
            "Shred the pork in the pot with two forks and check the seasoning.",
            (
                "Serve in deep bowls, with the cabbage, radishes, onion, lime, extra oregano and "
                "tostadas on the table."
            ),
        ],
        "tips": [
            "Pozole tastes even better the next day and freezes well for up to three months.",
            "Look for hominy (maíz pozolero) in Latin American shops or online.",
        ],
        "nutrition": (520, "42", "32", "24"),
    },
]
