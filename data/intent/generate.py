#!/usr/bin/env python3
"""Generates the "does this need the internet?" dataset for PixelHolo's intent classifier.

Writes dataset.tsv (every row), train.tsv and test.tsv (fixed stratified 80/20 split) and
test-handwritten.tsv (the rows of test.tsv that were written by hand, not from templates).
Format: label<TAB>text, labels `search` / `none`. Deterministic: same seed, same files.

    python3 data/intent/generate.py

Rows are written the way speech-to-text hands them to us: lower case, no punctuation, contractions
with or without the apostrophe dropped, fillers, typos and mis-recognised words. See README.md for
the labelling rules.
"""
import os
import random
import re

SEED = 20261125
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(SEED)

# ---------------------------------------------------------------- slot values
CITIES = ["london", "glasgow", "edinburgh", "manchester", "new york", "paris", "berlin", "madrid", "tokyo",
          "sydney", "chicago", "toronto", "dublin", "amsterdam", "rome", "boston", "seattle", "austin",
          "leeds", "bristol", "cardiff", "lisbon", "barcelona", "vienna", "prague", "oslo", "mumbai",
          "singapore", "san francisco", "los angeles", "miami", "denver", "belfast", "aberdeen", "york"]
WHEN_FUTURE = ["today", "tomorrow", "tonight", "this weekend", "this afternoon", "on saturday", "on sunday",
               "on monday", "next week", "this evening", "in the morning", "later today", "on friday"]
WHEN_NOW = ["today", "right now", "at the moment", "this week", "currently", "now", "these days", "this morning"]
RECENT = ["last night", "yesterday", "at the weekend", "today", "on saturday", "this week", "last weekend"]
TEAMS = ["celtic", "rangers", "arsenal", "chelsea", "liverpool", "man united", "man city", "tottenham",
         "the lakers", "the celtics", "the yankees", "the red sox", "the cubs", "real madrid", "barcelona",
         "bayern", "juventus", "the warriors", "the knicks", "the patriots", "the chiefs", "scotland",
         "england", "wales", "ireland", "the all blacks", "newcastle", "aston villa", "everton", "hibs", "hearts"]
LEAGUES = ["premier league", "premiership", "champions league", "nba", "nfl", "la liga", "bundesliga",
           "six nations", "world cup qualifiers", "formula one", "f1", "mlb", "nhl"]
SPORT_EVENTS = ["the grand prix", "wimbledon", "the super bowl", "the open", "the tour de france",
                "the marathon", "the cup final", "the boat race", "the ryder cup", "the world series"]
STOCKS = ["apple", "tesla", "nvidia", "amazon", "microsoft", "google", "meta", "netflix", "rolls royce",
          "bp", "shell", "barclays", "tesco", "vodafone", "ibm", "intel", "disney", "boeing"]
CRYPTO = ["bitcoin", "ethereum", "dogecoin", "solana"]
CURRENCIES = ["pounds", "dollars", "euros", "yen", "swiss francs", "canadian dollars", "rupees", "pesos"]
PRODUCTS = ["iphone", "ps5", "xbox", "macbook air", "nintendo switch", "tesla model 3", "pint of milk",
            "loaf of bread", "litre of petrol", "gallon of gas", "cinema ticket", "train ticket to london",
            "pair of airpods", "kindle", "gold ounce", "dozen eggs"]
POI = ["pharmacy", "chemist", "cash machine", "atm", "coffee shop", "petrol station", "gas station",
       "supermarket", "hospital", "police station", "post office", "bus stop", "train station", "hotel",
       "pizza place", "pub", "taxi rank", "car park", "public toilet", "bank", "vet", "dentist", "library"]
BUSINESSES = ["the town hall", "boots", "tesco", "the museum", "the science centre", "the library",
              "the leisure centre", "the post office", "ikea", "the apple store", "marks and spencer",
              "the doctors surgery", "the council", "the art gallery", "the zoo", "the swimming pool",
              "the botanic gardens", "the castle", "primark", "the citizens advice bureau", "the job centre"]
ROLES = ["prime minister", "president", "chancellor", "king", "foreign secretary", "mayor",
         "first minister", "secretary general of the un", "pope", "head of the fed"]
COUNTRIES = ["the uk", "france", "germany", "the us", "america", "canada", "australia", "japan", "italy",
             "spain", "scotland", "india", "brazil", "mexico", "ireland", "new zealand", "china", "south africa"]
COMPANIES = ["apple", "google", "microsoft", "tesla", "amazon", "twitter", "openai", "the bbc", "nasa",
             "disney", "nike", "ryanair", "british airways", "manchester united", "spotify"]
FRANCHISES = ["marvel", "star wars", "james bond", "mission impossible", "pixar", "harry potter",
              "batman", "jurassic park", "fast and furious", "zelda", "gta", "call of duty", "pokemon"]
SOFTWARE = ["ios", "android", "windows", "chrome", "python", "minecraft", "fortnite", "whatsapp"]
ARTISTS = ["taylor swift", "ed sheeran", "beyonce", "drake", "adele", "coldplay", "the weeknd",
           "billie eilish", "harry styles", "dua lipa", "lewis capaldi", "oasis", "kendrick lamar"]
CELEBS = ["elon musk", "taylor swift", "lionel messi", "cristiano ronaldo", "keir starmer", "rishi sunak",
          "lebron james", "emma raducanu", "andy murray", "greta thunberg", "mrbeast", "jeff bezos",
          "kylian mbappe", "sam altman", "oprah", "jacinda ardern", "erling haaland", "zendaya"]
LINES = ["the northern line", "the central line", "the m8", "the a9", "the m25", "the subway",
         "the tube", "the ferry to arran", "the 44 bus", "the overground", "the trams", "scotrail",
         "the night bus", "the glasgow subway", "the district line", "the m1", "the i95"]
NEWS_TOPICS = ["the election", "the strike", "the budget", "the war", "the economy", "the nhs",
               "interest rates", "the weather warning", "the trial", "the royal family", "climate talks",
               "the heatwave", "the floods", "the tech layoffs", "the peace talks", "the by election",
               "the bird flu outbreak", "the train strikes", "inflation", "the housing market"]
LOCAL_EVENTS = ["concerts", "gigs", "events", "festivals", "markets", "comedy shows", "plays", "exhibitions",
                "things to do", "free events", "kids activities", "fireworks"]

HIST_PEOPLE = ["albert einstein", "marie curie", "napoleon", "julius caesar", "isaac newton", "cleopatra",
               "winston churchill", "abraham lincoln", "charles darwin", "leonardo da vinci", "shakespeare",
               "mozart", "robert burns", "mary queen of scots", "gandhi", "martin luther king", "ada lovelace",
               "alan turing", "galileo", "queen victoria", "nelson mandela", "joan of arc", "socrates",
               "william wallace", "robert the bruce", "nikola tesla", "beethoven", "frida kahlo"]
BOOKS = [("hamlet", "who wrote"), ("pride and prejudice", "who wrote"), ("the odyssey", "who wrote"),
         ("frankenstein", "who wrote"), ("nineteen eighty four", "who wrote"), ("moby dick", "who wrote"),
         ("the hobbit", "who wrote"), ("war and peace", "who wrote"), ("treasure island", "who wrote"),
         ("the mona lisa", "who painted"), ("the starry night", "who painted"), ("the last supper", "who painted"),
         ("the sistine chapel ceiling", "who painted"), ("the scream", "who painted"),
         ("the moonlight sonata", "who composed"), ("the four seasons", "who composed"),
         ("the theory of relativity", "who came up with"), ("the telephone", "who invented"),
         ("the light bulb", "who invented"), ("penicillin", "who discovered"), ("the steam engine", "who invented"),
         ("television", "who invented"), ("the world wide web", "who invented"), ("gravity", "who discovered")]
HIST_EVENTS = ["the battle of hastings", "the first world war", "the second world war", "the moon landing",
               "the french revolution", "the fall of the berlin wall", "the great fire of london",
               "the battle of bannockburn", "the signing of the magna carta", "the sinking of the titanic",
               "the american revolution", "the industrial revolution", "the roman empire fall",
               "the black death", "the union of the crowns", "the declaration of independence"]
CONCEPTS = ["photosynthesis", "gravity", "a black hole", "dna", "inflation in economics", "democracy",
            "an atom", "a prime number", "evolution", "the water cycle", "a volcano", "an eclipse",
            "osmosis", "the big bang", "a haiku", "a sonnet", "pi", "a light year", "entropy", "a vaccine",
            "an algorithm", "a metaphor", "electricity", "a rainbow", "the speed of light", "an earthquake",
            "machine learning", "a carbohydrate", "the stock exchange", "a mortgage", "the pythagorean theorem"]
WORDS = ["serendipity", "ubiquitous", "ephemeral", "gregarious", "loquacious", "pragmatic", "nostalgia",
         "melancholy", "resilience", "empathy", "cacophony", "quintessential", "dreich", "peely wally",
         "scunnered", "outwith", "benevolent", "ambiguous", "procrastinate", "onomatopoeia", "hygge",
         "schadenfreude", "wanderlust", "petrichor", "sonder", "bamboozle"]
CAPITAL_COUNTRIES = ["france", "japan", "australia", "canada", "brazil", "egypt", "kenya", "norway",
                     "argentina", "thailand", "peru", "iceland", "poland", "vietnam", "portugal", "scotland",
                     "germany", "italy", "spain", "mexico", "new zealand", "turkey", "greece", "chile"]
HOWTO = ["boil an egg", "tie a tie", "make pancakes", "change a tyre", "change a tire", "cook rice",
         "make a paper plane", "tie my shoelaces", "fold a fitted sheet", "make tea", "make a cup of tea",
         "bake bread", "plant tomatoes", "juggle", "whistle", "meditate", "start running", "write a cover letter",
         "learn to swim", "remove a red wine stain", "unblock a sink", "make scrambled eggs", "carve a pumpkin",
         "do a cartwheel", "make porridge", "knit a scarf", "solve a rubiks cube", "make a good first impression",
         "stop hiccups", "fall asleep faster", "make a paper crane", "sharpen a knife", "play chess",
         "cook a steak", "make a smoothie", "calm down when i'm nervous", "make fresh pasta", "write a poem"]
FOODS = ["pizza", "sushi", "haggis", "chocolate", "ice cream", "curry", "tacos", "pasta", "fish and chips",
         "pancakes", "cheese", "broccoli", "coffee", "tea", "irn bru", "porridge", "burgers", "spicy food"]
FAV_THINGS = ["colour", "color", "movie", "film", "book", "food", "song", "band", "animal", "season",
              "place", "holiday", "sport", "game", "word", "memory", "subject at school", "city", "drink", "flower"]
UNITS = [("miles", "kilometres"), ("kilometers", "miles"), ("pounds", "kilos"), ("kilos", "pounds"),
         ("feet", "metres"), ("inches", "centimetres"), ("cups", "millilitres"), ("ounces", "grams"),
         ("celsius", "fahrenheit"), ("fahrenheit", "celsius"), ("litres", "gallons"), ("stone", "kilos")]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "fifteen", "twenty", "twenty five", "thirty", "forty", "fifty", "sixty", "a hundred",
                "a hundred and twenty", "two hundred", "a thousand", "three hundred and fifty", "ninety nine"]
ANIMALS = ["cheetah", "blue whale", "elephant", "octopus", "penguin", "giraffe", "bee", "dolphin", "owl",
           "shark", "kangaroo", "highland cow", "koala", "hummingbird", "tortoise", "polar bear", "snail"]
LANDMARKS = ["the eiffel tower", "big ben", "the empire state building", "the statue of liberty", "mount everest",
             "ben nevis", "the great wall of china", "the colosseum", "stonehenge", "the leaning tower of pisa",
             "the burj khalifa", "the golden gate bridge", "the forth bridge", "edinburgh castle", "the pyramids of giza",
             "the sydney opera house", "the taj mahal", "niagara falls", "the grand canyon", "the angel of the north"]
SUPERLATIVES = ["largest animal", "biggest country", "tallest building", "longest river", "deepest lake", "highest mountain",
                "smallest bird", "oldest tree", "biggest desert", "fastest animal", "largest ocean", "coldest place",
                "hottest planet", "biggest island", "longest bridge", "oldest university", "largest lake", "smallest planet"]
SUBSTANCES = ["water", "salt", "carbon dioxide", "glucose", "methane", "ammonia", "table sugar", "rust", "ozone",
              "baking soda", "vinegar", "chalk", "sulfuric acid", "ethanol"]
FORMULAS = ["the area of a circle", "the area of a triangle", "speed", "density", "the volume of a sphere",
            "compound interest", "the circumference of a circle", "kinetic energy", "force", "pythagoras"]
FIRSTS = ["walk on the moon", "climb everest", "fly a plane", "reach the south pole", "swim the channel",
          "split the atom", "sail around the world", "run a four minute mile", "go to space", "win a nobel prize twice",
          "fly across the atlantic", "discover america", "circle the earth", "reach the north pole"]
SCIENCE_Q = ["why is the sky blue", "why is the sea salty", "how do planes stay up", "how does a rainbow form",
             "why do leaves change colour in autumn", "how does the heart pump blood", "why do we dream",
             "how hot is the sun", "how far away is the moon", "how many planets are in the solar system",
             "what is the boiling point of water", "what's the freezing point of water in fahrenheit",
             "how many bones are in the human body", "why do cats purr", "how do magnets work",
             "how many legs does a spider have", "what's the biggest planet", "why does the moon change shape",
             "how long does light take to reach earth from the sun", "what is the largest ocean",
             "why do we have seasons", "how do vaccines work", "what's the chemical symbol for gold",
             "how many teeth does an adult have", "how deep is the ocean", "why is grass green",
             "how do bees make honey", "what is the tallest mountain in the world", "how long is the nile",
             "what's the smallest country in the world", "how many continents are there",
             "what's the hardest natural substance", "how many hearts does an octopus have",
             "why do onions make you cry", "how does a compass work", "how old is the universe",
             "how old is the earth", "what's the speed of sound", "why do stars twinkle",
             "how many days are in a leap year", "how many weeks are in a year", "what are clouds made of",
             "why is the ocean blue", "how does wifi work", "how does a microwave heat food",
             "what causes thunder", "how do fish breathe underwater", "what do pandas eat",
             "why do birds migrate", "what's the longest bone in the body"]

# ---------------------------------------------------------------- noise: how speech-to-text hands text to us
PREFIXES = ["", "", "", "", "", "", "um ", "uh ", "hey ", "hi ", "so ", "okay ", "ok so ", "excuse me ",
            "hey there ", "hello ", "right ", "erm ", "well ", "um hey ", "sorry ", "hiya "]
ASKS = ["", "", "", "", "", "can you tell me ", "could you tell me ", "do you know ", "i was wondering ",
        "can you check ", "tell me ", "any idea ", "i want to know ", "please tell me ", "would you know ",
        "quick question ", "i'd like to know ", "i need to know "]
SUFFIXES = ["", "", "", "", "", "", " please", " thanks", " thank you", " if you know", " for me",
            " mate", " love", " pal", " by any chance", " do you know"]
MISHEARD = {"weather": ["whether", "wether"], "forecast": ["for cast", "four cast"], "tomorrow": ["to morrow", "tomorro"],
            "score": ["scor", "store"], "stock": ["stalk"], "price": ["prize", "prise"], "news": ["noose", "knews"],
            "tonight": ["to night"], "rain": ["reign"], "won": ["one"], "weekend": ["week end"],
            "football": ["foot ball"], "restaurant": ["restraunt", "restaurent"], "pharmacy": ["farmacy"],
            "what's": ["what", "whats", "what is"], "who's": ["whos", "who is"], "where's": ["wheres", "where is"],
            "how's": ["hows", "how is"], "it's": ["its"], "i'm": ["im"], "don't": ["dont", "do not"],
            "you're": ["your", "youre"], "there": ["their"], "two": ["to", "too"], "write": ["right"],
            "bitcoin": ["bit coin"], "currently": ["currantly"], "nearest": ["nearist"], "open": ["opened"],
            "capital": ["capitol"], "meaning": ["meening"], "joke": ["joe"], "favourite": ["favorite", "favourit"],
            "temperature": ["temprature", "temperture"], "celsius": ["celcius"], "umbrella": ["umbrela"]}


def typo(word):
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def speechify(text, noise=True, question=False):
    """Lower case, no punctuation, optional filler/typos: what the recogniser would give us."""
    text = text.lower()
    if noise:
        ask = rng.choice(ASKS) if question and rng.random() < 0.35 else ""
        suffix = rng.choice(SUFFIXES) if question else rng.choice(["", "", "", " thanks", " please", " mate"])
        text = rng.choice(PREFIXES) + ask + text + suffix
        words = text.split()
        out = []
        for w in words:
            r = rng.random()
            if w in MISHEARD and r < 0.25:
                out.extend(rng.choice(MISHEARD[w]).split())
            elif r > 0.975:
                out.append(typo(w))
            else:
                out.append(w)
        text = " ".join(out)
    if rng.random() < 0.5:
        text = text.replace("'", "")
    text = re.sub(r"[?!.,;:\"]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def expand(template, slots, n):
    """n random fillings of a template ({name} placeholders drawn from slots)."""
    names = re.findall(r"\{(\w+)\}", template)
    out = []
    for _ in range(n):
        values = {k: rng.choice(slots[k]) for k in names}
        out.append(template.format(**values))
    return out


SLOTS = dict(city=CITIES, when=WHEN_FUTURE, now=WHEN_NOW, recent=RECENT, team=TEAMS, league=LEAGUES,
             event=SPORT_EVENTS, stock=STOCKS, crypto=CRYPTO, cur=CURRENCIES, cur2=CURRENCIES, product=PRODUCTS,
             poi=POI, biz=BUSINESSES, role=ROLES, country=COUNTRIES, company=COMPANIES, franchise=FRANCHISES,
             software=SOFTWARE, artist=ARTISTS, celeb=CELEBS, line=LINES, topic=NEWS_TOPICS,
             levent=LOCAL_EVENTS, person=HIST_PEOPLE, hevent=HIST_EVENTS, concept=CONCEPTS, word=WORDS,
             ccountry=CAPITAL_COUNTRIES, howto=HOWTO, food=FOODS, fav=FAV_THINGS, num=NUMBER_WORDS,
             num2=NUMBER_WORDS, animal=ANIMALS, team2=TEAMS, work=[f"{verb} {work}" for work, verb in BOOKS],
             first=FIRSTS, science=SCIENCE_Q, landmark=LANDMARKS, sup=SUPERLATIVES, place2=CAPITAL_COUNTRIES + CITIES,
             substance=SUBSTANCES, formula=FORMULAS)

# ---------------------------------------------------------------- templates: (template, how many fillings)
SEARCH_TEMPLATES = [
    # weather: changes hour to hour, depends on place
    ("what's the weather {when}", 8), ("what's the weather like in {city} {when}", 25),
    ("is it going to rain {when}", 10), ("will it rain in {city} {when}", 15), ("do i need an umbrella {when}", 8),
    ("do i need a coat {when}", 6), ("how hot is it going to be {when}", 8), ("what's the temperature in {city} {now}", 12),
    ("what's the temperature outside", 2), ("will it snow {when}", 8), ("is it sunny in {city} {now}", 10),
    ("weather forecast for {city}", 12), ("what's the forecast {when}", 8), ("how windy is it {now}", 5),
    ("is there a weather warning {when}", 6), ("whats the pollen count {now}", 4), ("what time is sunset {when}", 6),
    ("what's the uv index {when}", 4), ("is it cold outside {now}", 4), ("when will the rain stop", 2),
    # news
    ("what's the latest news", 4), ("what's in the news {now}", 8), ("any news about {topic}", 15),
    ("what's happening with {topic}", 15), ("what's the latest on {topic}", 15), ("what happened in {city} {recent}", 12),
    ("give me the headlines", 3), ("what are the top stories {now}", 6), ("any breaking news", 3),
    ("what did {celeb} say {recent}", 8), ("what's going on in {country} {now}", 10), ("is there any news on {topic} {now}", 10),
    # sports
    ("who won the {team} game {recent}", 18), ("what was the score in the {team} match", 15),
    ("did {team} win {recent}", 18), ("when do {team} play next", 15), ("is {team} playing {when}", 12),
    ("what's the score in the {team} game", 12), ("who's top of the {league}", 10), ("{league} table", 8),
    ("{league} results {recent}", 8), ("who won {event} this year", 8), ("when is {event}", 8),
    ("who's winning {event}", 6), ("what time is kick off for {team} {when}", 10), ("did {team} beat {team2}", 12),
    ("who scored for {team} {recent}", 10), ("is {celeb} playing {when}", 6), ("how many goals has {celeb} scored this season", 5),
    # markets and prices
    ("how much is {stock} stock {now}", 14), ("what's the {stock} share price", 12), ("how's the stock market doing {now}", 6),
    ("what's the price of {crypto} {now}", 10), ("how much is one {crypto} worth", 6), ("what's the exchange rate from {cur} to {cur2}", 14),
    ("how many {cur} to the {cur2} {now}", 8), ("how much is a {product} {now}", 14), ("what does a {product} cost these days", 10),
    ("price of a {product}", 10), ("is the ftse up {now}", 4), ("what are interest rates {now}", 4),
    ("what's the price of petrol {now}", 4), ("how much is gold {now}", 4), ("cheapest flights to {city} {when}", 10),
    ("how much are tickets to see {artist}", 8), ("is {stock} stock going up", 6),
    # schedules, opening hours, local
    ("when's the next train to {city}", 12), ("is {line} running {now}", 12), ("are there delays on {line}", 12),
    ("what time does {biz} close {when}", 15), ("is {biz} open {when}", 18), ("opening hours for {biz}", 12),
    ("what time does {biz} open on sunday", 8), ("where's the nearest {poi}", 18), ("is there a {poi} near here", 15),
    ("is there a {poi} open near me {now}", 10), ("what's the phone number for {biz}", 12), ("phone number of {biz}", 6),
    ("what's the address of {biz}", 8), ("how do i get to {biz} from here", 12), ("how far is {biz} from here", 8),
    ("what {levent} are on in {city} {when}", 15), ("what's on at the cinema {when}", 6), ("what films are showing {when}", 6),
    ("good restaurants near here", 3), ("where can i get {food} near here", 10), ("is there a {food} place open {now}", 8),
    ("how's the traffic on {line} {now}", 10), ("is {line} closed {when}", 8), ("when's the last bus {when}", 4),
    ("what time is the last train to {city} {when}", 10), ("are flights to {city} delayed {now}", 8), ("is my flight to {city} on time", 6),
    ("how long is the queue at {biz}", 5), ("does {biz} have parking", 5), ("what time does the tide come in {when}", 4),
    # current roles and current facts
    ("who is the {role} of {country}", 16), ("who's the current {role} of {country}", 14), ("who is {country}'s {role} {now}", 10),
    ("who runs {company} {now}", 10), ("who is the ceo of {company}", 12), ("who's in charge of {company} {now}", 8),
    ("who is the manager of {team}", 12), ("who's the captain of {team} {now}", 8), ("what is {celeb} doing {now}", 8),
    ("where is {celeb} {now}", 5), ("is {celeb} still married", 5), ("who is {celeb} dating", 6), ("how much is {celeb} worth", 6),
    ("who is {celeb}", 8), ("how old is {celeb}", 10), ("how old is {celeb} now", 6), ("is {celeb} still alive", 0), ("what's the population of {ccountry} {now}", 8), ("who won the election in {country}", 10),
    ("when is the next election in {country}", 8), ("what's the minimum wage in {country} {now}", 6),
    # new releases, latest
    ("what's the latest {franchise} movie", 10), ("when does the new {franchise} film come out", 10), ("is the new {franchise} game out yet", 8),
    ("what's the newest iphone", 3), ("what's the latest version of {software}", 10), ("has {artist} got a new album", 10),
    ("when is {artist} touring {when}", 8), ("what's number one in the charts {now}", 5), ("what's the latest {artist} song", 8),
    ("what's trending {now}", 4), ("what's new on netflix {now}", 5), ("any new {franchise} news", 6),
    ("is {software} down {now}", 8), ("is {company} down {now}", 6), ("what's {company} announced {recent}", 6),
    ("is {artist} playing in {city} {when}", 8), ("best reviewed films out {now}", 3), ("top selling books {now}", 3),
]

NONE_TEMPLATES = [
    # timeless knowledge
    ("who was {person}", 20), ("tell me about {person}", 14), ("what was {person} famous for", 14), ("when was {person} born", 12),
    ("when did {person} die", 10), ("what did {person} invent", 6), ("where was {person} from", 8),
    ("when was {hevent}", 14), ("what happened in {hevent}", 12), ("why did {hevent} happen", 10), ("tell me about {hevent}", 8),
    ("what is {concept}", 22), ("explain {concept}", 14), ("how does {concept} work", 12), ("can you explain {concept} simply", 10),
    ("what does {word} mean", 18), ("define {word}", 10), ("how do you spell {word}", 12), ("whats another word for {word}", 8),
    ("what's the meaning of {word}", 10), ("use {word} in a sentence", 6),
    ("what's the capital of {ccountry}", 20), ("what language do they speak in {ccountry}", 12), ("where is {ccountry}", 8),
    ("what currency do they use in {ccountry}", 8), ("what's {ccountry} famous for", 10), ("what continent is {ccountry} in", 8),
    ("how do i {howto}", 30), ("how do you {howto}", 25), ("what's the best way to {howto}", 16), ("teach me how to {howto}", 10),
    ("how fast can a {animal} run", 10), ("how long does a {animal} live", 10), ("what do {animal}s eat", 10), ("tell me a fact about a {animal}", 10),
    ("how big is a {animal}", 6), ("where do {animal}s live", 6),
    ("{work}", 45), ("do you know {work}", 10), ("who was the first person to {first}", 20), ("when did someone first {first}", 8),
    ("{science}", 60),
    ("how tall is {landmark}", 14), ("how old is {landmark}", 10), ("when was {landmark} built", 12), ("who built {landmark}", 8),
    ("where is {landmark}", 8), ("tell me about {landmark}", 8), ("what's the {sup} in the world", 20), ("what is the {sup} on earth", 8),
    ("how far is {place2} from {city}", 16), ("how far is it from {city} to {place2}", 10), ("how big is {ccountry}", 8),
    ("what is the chemical formula for {substance}", 10), ("what's {substance} made of", 8), ("what's the formula for {formula}", 10),
    ("what sound does a {animal} make", 8), ("what does a {animal} say", 6), ("what noise does a {animal} make", 4),
    # arithmetic and conversions
    ("what's {num} plus {num2}", 18), ("what is {num} times {num2}", 18), ("what's {num} minus {num2}", 12),
    ("what's {num} divided by {num2}", 12), ("what's {num} percent of {num2}", 10), ("what's the square root of {num}", 8),
    ("what's {num} squared", 6), ("add {num} and {num2}", 8), ("multiply {num} by {num2}", 8),
    # small talk about the avatar, opinions
    ("what's your favourite {fav}", 22), ("do you like {food}", 14), ("have you ever tried {food}", 8), ("what do you think of {food}", 8),
    ("do you know how to {howto}", 10), ("can you {howto}", 6), ("what's your favourite {food} topping", 4),
    ("what do you think about {concept}", 8), ("have you been to {city}", 14), ("what's your favourite thing about {city}", 8),
    ("would you rather go to {city} or {ccountry}", 8), ("did you ever meet {person}", 6), ("do you like {artist}", 10),
    ("are you a fan of {team}", 10), ("who's your favourite {fav}", 6),
]

SEARCH_HAND = """
what's the weather today
what is the weather today
whats the weather like
is it going to rain
what's the weather gonna be like tomorrow
will i need sunglasses today
should i take a jacket tonight
is it raining outside
how cold is it out there
is it gonna be nice at the weekend
any chance of snow this week
what's the weather doing
whats it like outside
is the sun out
is it warm enough for shorts today
and tomorrow
and tomorrow then
what about tomorrow
and the day after
what about the weekend
how about saturday
and in edinburgh
what about in london
and next week
and on sunday
how about tonight
and what about the away game
and the final score
and what's it at now
and for bitcoin
what about in dollars
and the one after that
and the next one
what about later
and on the way back
and at the weekend
who won the match last night
who won the football
did we win
what's the score
what's the latest score
how are celtic getting on
is the game on tonight
who won the grand national
who's playing tonight
football results
what's the news today
anything interesting in the news
what's going on in the world
what's the big story today
what's happening today
anything happening in town this weekend
what's on tonight
is there anything on at the theatre this week
any gigs on this weekend
what time does the museum shut
is the cafe open
is the shop open on sundays
when does the library open tomorrow
what are the opening times for the gift shop
is the park open late tonight
where can i get a coffee around here
is there a cash machine nearby
where's the nearest toilet
where is the closest bus stop
how do i get to the train station
how far is the airport
how long will it take me to get to the airport right now
when's the next bus into town
is the train on time
are the trains running today
is there a strike on the trains
is the road closed
how's the traffic
what's the traffic like on the way to the airport
what's the number for a taxi
can you find me a taxi number
whats the number for the hospital
what's the phone number of the nearest dentist
who's the prime minister
who is the president
who's president now
who is the president of the united states
who is the current prime minister of the uk
who's the first minister
who's the pope now
who is the king
who is the mayor of london
who's the richest person in the world
who is the richest man alive
what's the biggest company in the world right now
how much is bitcoin
how much is bitcoin today
whats bitcoin at
how much is a pound in euros
how much is a dollar in pounds today
how are the markets doing
did the stock market go up today
how much is petrol
what's the price of gas around here
how much is a coffee here
how much does it cost to get in
how much are tickets for the museum
is it free to get into the gallery
what's the latest iphone
whats the newest phone out
is the new zelda out
when does the new season of stranger things come out
what's the best film out at the moment
what should i watch on netflix this week
what's the most popular song right now
what's top of the charts
who won eurovision this year
who won strictly
who won the bake off
who won the oscar for best picture this year
who won the ballon dor
what's the current interest rate
what's inflation at right now
what's the unemployment rate
how many people live in glasgow now
what's the population of the world now
what time is high tide today
what time is sunrise tomorrow
when is the next full moon
when is the next bank holiday
when are the school holidays this year
when do the clocks go forward this year
is there a match on today
how many points are celtic ahead
who's in the world cup final
when is the next olympics
where are the next olympics
how did the marathon go
latest covid rules
are masks required on the bus
do i need a visa to go to the us right now
what's the wait time at a and e
is there a hospital near here with a short wait
how busy is the airport today
are there any flight cancellations today
can you search for cheap hotels in paris
search the web for vegan restaurants nearby
look up the opening times for the castle
google the bus timetable
can you look that up
can you check online
can you look up the score
find me a plumber near here
find a good italian restaurant near me
book a table for two tonight
any good deals on tvs this week
when does black friday start
is amazon prime day on
whats the latest with the royal family
is the king still in hospital
what did the government announce today
what's happening with the strikes
whats the deal with interest rates
has the budget been announced
who won the by election
what's the latest on the election
whats elon musk up to
whats taylor swift doing
is the queen alive
how old is the king now
whats the weather in paris right now
whats the time in new york
what time is it in tokyo
what time is it in sydney right now
is it daytime in los angeles
""".strip().splitlines()

NONE_HAND = """
tell me a joke
tell me another joke
can you tell me a joke
do you know any jokes
tell me a funny story
tell me a story
say something funny
make me laugh
sing me a song
can you sing
do a dance
how are you
how are you doing today
hows it going
how are you feeling
what's your name
whats your name
who are you
what are you
are you real
are you a robot
are you a hologram
are you alive
are you a real person
are you human
how old are you
where are you from
where did you grow up
what do you do for a living
what did you study
do you have any kids
do you have a family
are you married
do you have any pets
what do you like doing
what are your hobbies
what makes you happy
what are you afraid of
what's your dream
what did you have for breakfast
do you ever sleep
can you see me
can you hear me
do you like me
do you remember me
what did i just say
what did you just say
say that again
can you repeat that
repeat that please
sorry i didn't catch that
speak slower please
can you speak louder
talk slower
stop
stop talking
be quiet
never mind
forget it
start again
lets start over
that's enough
thank you
thanks a lot
thanks so much
cheers
you're welcome
good morning
good afternoon
good evening
good night
hello
hi there
hey
hiya
bye
goodbye
see you later
nice to meet you
lovely to meet you
you're funny
you're very clever
i like your voice
i love your hair
you look nice
that's amazing
that's so cool
wow
really
i don't believe you
that's not true
you're wrong
i agree
i disagree
yes
no
maybe
okay
sure
of course
i'm bored
i'm tired
i'm hungry
i'm sad today
i had a bad day
i'm happy
it's my birthday
my name is sarah
my name's john
i'm from glasgow
i'm here with my kids
we're on holiday
give me a compliment
give me some advice
what should i have for dinner
what should i name my dog
what's the meaning of life
do you believe in ghosts
do you believe in god
what happens when we die
is there life on other planets
what came first the chicken or the egg
can you keep a secret
what's your favourite joke
tell me a riddle
tell me a fun fact
tell me something interesting
tell me a tongue twister
say something in french
how do you say hello in spanish
how do you say thank you in japanese
what's hello in german
translate good morning into italian
how do you count to ten in french
what rhymes with orange
what rhymes with cat
spell necessary
how many letters are in the alphabet
what's the plural of mouse
what's the past tense of run
is it fewer or less
write me a poem
write a poem about the sea
make up a story about a dragon
play a game with me
lets play twenty questions
ask me a question
quiz me
give me a riddle
pick a number between one and ten
flip a coin
roll a dice
what's two plus two
what is two plus two
whats ten times ten
what's half of a hundred
what's a third of ninety
what's seven times eight
whats a hundred divided by four
what's the square root of sixty four
how many seconds are in an hour
how many minutes in a day
how many days in a year
how many hours are in a week
how many centimetres in a metre
how many grams in a kilo
how many feet in a mile
how many ounces in a pound
what's twenty celsius in fahrenheit
convert five miles to kilometres
convert a hundred fahrenheit to celsius
what time is it
what's the time
whats the time now
what day is it
what day is it today
what's the date today
whats todays date
what's the date
what month is it
what year is it
is it morning or afternoon
where are we
where am i
what city is this
what is this place
who made you
who built you
how do you work
how do you know all this
can you learn
what can you do
what can i ask you
what are you good at
how clever are you
can you help me
i need help
help
what's the capital of france
what is the capital of scotland
whats the capital of australia
which is bigger the sun or the moon
how many people were on the titanic
who was the first man on the moon
who was the first president of the united states
who invented the telephone
who discovered america
who built the pyramids
why did the dinosaurs die out
how long ago did dinosaurs live
how old are the pyramids
what's the oldest city in the world
what's the longest river in scotland
how high is ben nevis
how deep is loch ness
is nessie real
what is the loch ness monster
what's haggis made of
what is a kilt
why do scottish people wear kilts
what is the national animal of scotland
what is a unicorn
how do rainbows form
why is the sky blue
why is snow white
what is the moon made of
how do airplanes fly
how does a car engine work
what's the difference between a frog and a toad
what's the difference between weather and climate
what's the difference between a virus and bacteria
what's the difference between affect and effect
what is a noun
what is an adjective
what is a verb
what is democracy
what is a democracy
what does dna stand for
what does nasa stand for
what does bbc stand for
what does lol mean
what does brb stand for
what's the opposite of happy
how many players are on a football team
how long is a football match
how many sets in a tennis match
what are the rules of cricket
how do you play chess
how does the offside rule work
who invented football
where did golf start
how do you make a cup of tea
how long do you boil an egg for
how do i make a cheese sandwich
how do you cook pasta
how long does it take to cook a turkey
what temperature should i cook chicken at
what goes well with salmon
what's a good recipe for soup
how do i get red wine out of a carpet
how do i get rid of hiccups
how can i sleep better
how do i stop snoring
how much water should i drink a day
how many hours of sleep do i need
what are some tips for public speaking
how do i make friends
how do i ask someone out
how do i say no politely
how do i stop procrastinating
give me a motivational quote
tell me something nice
cheer me up
i'm nervous about my exam
i'm getting married next week
my dog died
i miss my mum
can we be friends
do you want to be my friend
do you love me
will you marry me
what do you think of me
what do you think of glasgow
do you like it here
do you like your job
what's it like being a hologram
do you get lonely
are you happy
what's your favourite colour
what's your favourite song
what's your favourite movie ever
who's your favourite singer
who's your favourite footballer
what team do you support
do you support celtic or rangers
do you like football
do you play any sports
can you swim
can you drive
do you speak french
how many languages do you speak
where would you like to travel
if you could have a superpower what would it be
what would you do with a million pounds
would you rather be invisible or fly
what's better cats or dogs
do you prefer tea or coffee
is a hot dog a sandwich
is pineapple on pizza okay
um
uh hello
hmm
sorry
pardon
what
huh
eh
can you say that in a different way
explain that again
what do you mean
why
how come
really why
tell me more
go on
and then what happened
what happened next
and then
and why is that
and what about you
what about you
how about you
and you
and your family
and what do you do
""".strip().splitlines()

# The original program's 39 inline rows, reconstructed in its style (short typed questions, about half
# needing the internet). The original file is not available to us; see README.md.
ORIGINAL_39 = [
    ("search", "what is the weather like in new york"), ("search", "who won the football game last night"),
    ("search", "what is the current stock price of apple"), ("search", "latest news about technology"),
    ("search", "what is the score of the lakers game"), ("search", "who is the president of france"),
    ("search", "what movies are playing near me"), ("search", "what is the price of bitcoin"),
    ("search", "when does the new iphone come out"), ("search", "what are the top news stories"),
    ("search", "is it going to rain in london"), ("search", "who won the election"),
    ("search", "what is the exchange rate for euros"), ("search", "find restaurants near me"),
    ("search", "what time does the store close"), ("search", "latest sports scores"),
    ("search", "current events in the world"), ("search", "search the web for recipes"),
    ("search", "what is trending on twitter"), ("search", "who is the ceo of tesla"),
    ("none", "tell me a joke"), ("none", "how are you"), ("none", "what is your name"),
    ("none", "what is two plus two"), ("none", "who wrote romeo and juliet"), ("none", "what is the capital of spain"),
    ("none", "how do you make pancakes"), ("none", "what is photosynthesis"), ("none", "tell me about yourself"),
    ("none", "what is the meaning of life"), ("none", "what is your favorite color"), ("none", "can you sing a song"),
    ("none", "what is gravity"), ("none", "who painted the mona lisa"), ("none", "how many legs does a spider have"),
    ("none", "what do you like to do"), ("none", "say something funny"), ("none", "explain quantum physics"),
    ("none", "what is the boiling point of water"),
]


def build():
    rows = {}   # text -> (label, source)

    def add(label, text, source):
        if not text:
            return
        if text in rows and rows[text][0] != label:
            raise SystemExit(f"conflicting labels for '{text}'")
        rows.setdefault(text, (label, source))

    for label, hand in (("search", SEARCH_HAND), ("none", NONE_HAND)):
        for line in hand:
            add(label, speechify(line, noise=False), "hand")
    for label, templates in (("search", SEARCH_TEMPLATES), ("none", NONE_TEMPLATES)):
        for template, n in templates:
            for text in expand(template, SLOTS, n):
                add(label, speechify(text, question=True), "template")
    # Each hand-written line also appears once more as spoken with filler and noise.
    for label, hand in (("search", SEARCH_HAND), ("none", NONE_HAND)):
        for line in hand:
            add(label, speechify(line), "hand")
    return rows


def write(path, items):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for label, text in items:
            f.write(f"{label}\t{text}\n")


def main():
    rows = build()
    items = sorted((label, text, source) for text, (label, source) in rows.items())
    train, test = [], []
    split = random.Random(SEED)
    for label in ("none", "search"):
        group = [r for r in items if r[0] == label]
        split.shuffle(group)
        cut = round(len(group) * 0.2)
        test.extend(group[:cut])
        train.extend(group[cut:])
    write(os.path.join(HERE, "dataset.tsv"), [(l, t) for l, t, _ in items])
    write(os.path.join(HERE, "train.tsv"), sorted((l, t) for l, t, _ in train))
    write(os.path.join(HERE, "test.tsv"), sorted((l, t) for l, t, _ in test))
    write(os.path.join(HERE, "test-handwritten.tsv"), sorted((l, t) for l, t, s in test if s == "hand"))
    write(os.path.join(HERE, "original-39.tsv"), ORIGINAL_39)
    counts = {l: sum(1 for r in items if r[0] == l) for l in ("search", "none")}
    print(f"{len(items)} rows ({counts['search']} search, {counts['none']} none): "
          f"train {len(train)}, test {len(test)} ({sum(1 for r in test if r[2] == 'hand')} hand-written)")


if __name__ == "__main__":
    main()
