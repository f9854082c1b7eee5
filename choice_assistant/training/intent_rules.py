"""The phrase rules and examples the family engine reads a trainee's words with, one intent at a time (data only)."""

from __future__ import annotations

_PROF = (r"(doctor|gp|psychiatrist|psychologist|nurse|(cbt |family |play |art |systemic )?therapist|social worker|"
         r"counsellor|consultant|paediatrician|specialist)")
_ME = r"(me|myself)"

# Strong rules: a match says what the turn is about. Risk is listed first and always wins: a safety question
# must never be taken for anything else, whatever else the sentence holds.
STRONG: dict[str, str] = {
    "risk": (
        r"\b(suicid\w*|kill(ing)? (your|him|her|them)sel\w*|end(ing)? (your|his|her|their|it) (life|lives|all)|"
        r"take (your|his|her|their) (own )?life|self[- ]?harm\w*|harm(ing)? (your|him|her|them)sel\w*|"
        r"(hurt|cut|burn|scratch|hit|punch|bang|starv|injur|poison|damag|scald|bit)\w* (your|him|her|them)sel\w*|"
        r"(you|she|he|they|yourself)( feel| are| is|'re|'s)? (un)?safe\b|"
        r"(feel|feels|felt|feeling|be|being|are|is|keep\w*|kept) (un)?safe|safety|unsafe|in danger|"
        r"(hit|hits|hitting|hurt|hurts|hurting|harm\w*|abus\w*|touch\w* you|threaten\w*|scare[sd]? you|frighten\w* you)\b.{0,40}\b(you|anyone|anybody|someone)|"
        r"(anyone|anybody|someone|somebody|an adult|a grown[- ]up)\b.{0,40}\b(hit|hurt|harm|abus|touch|threaten|scare|frighten|afraid|bull(y|ies|ied|ying))\w*|"
        r"(make|makes|made|making) you (feel )?(frightened|scared|afraid)|"
        r"(scared|frightened|afraid|terrified) of (someone|anyone|anybody|somebody|him|her|them|your|a person|people at)|"
        r"(made|make|makes|forced?) you do (something|anything|things)|"
        r"(not|\w+n'?t|never) (want(ing|ed)?|wish(ing|ed)?) to (be alive|live|wake up|be here|be around|go on|exist)|"
        r"not (be|being) (here|around|alive) any ?more|better (off )?(dead|without (you|me|him|her))|"
        r"wish(ed)?( that)? (you|they|he|she|i) (were|was|could be) (dead|gone)|"
        r"(life|living) (isn'?t|is not|wasn'?t|not) worth|worth living|(want|wanted|wanting) to die|"
        r"thoughts? (of|about) (dying|death|not being here)|(think|thought|thinking) about (dying|death|not going on)|"
        r"\bdying\b|(not|\w+n'?t) go(ing)? on\b|(so|really|very) low that|"
        r"overdos\w*|(too many|took|taken|take|taking) .{0,20}(tablets|pills|paracetamol)|"
        r"giv(e|ing) up on (everything|life|living|yourself)|disappear (for good|for ever|forever)|"
        r"(do|does|did|done) (something|anything|things|stuff) to (you|yourself)\b|(do|did|does) to yourself|"
        r"(wasn'?t|isn'?t|not) (ok|okay|right) .{0,20}(to you|touch)|(sleep|go to sleep) and not wake|"
        r"risk\w*|abus\w*|neglect\w*)\b"),
    "loss_framing": (
        r"\b(sorry,? (but )?(i|we|you) (have|need|'ve got|'ll have) to|(have|need) to (transfer|pass|hand|move) you|"
        r"hand(ed|ing|s)? (you |them )?(over|on)|pass(ed|ing)? (you |them )?on|sadly|unfortunately|i'?m afraid\b(?! of)|"
        r"(won'?t|will not|can'?t|cannot) (see|keep|work with) you (any ?more|again|after)|los(e|ing) (me|us)|"
        r"(won'?t|will not|can'?t|cannot|not) be able to (see|keep) you|(last|final) time you'?ll see|"
        r"(it'?s a|what a) (shame|pity)|(be|get|are) moved (on )?to|goodbye from me|the rules say|"
        r"(you'?ll|you will) have to (go|start|see|move|tell)|(have to|having to|must) start (all )?(over|again)|"
        r"i wish i could (keep|carry on|see) you|(i'?m|i am) (really |so |very )?sorry,? (but )?you'?ll)"),
    "assumption": (
        r"\b(of course you'?(ll|d| will| would)|i know you'?d (rather|prefer|like|want)|"
        r"you'?ll (obviously |surely |definitely |probably )?(want|prefer|like) to|"
        r"you'?d (obviously|surely|definitely) (want|prefer|rather|like)|"
        r"(obviously|surely|of course) you'?(d| would| want| will|ll|re)|"
        r"i'?m (sure|certain) you'?(d| would| want| will|ll)|"
        r"i'?ll (just )?(put|sign|book|enrol|enroll|refer) (you|that|her|him|them)|i'?ll put down|"
        r"i'?ll (just )?(choose|pick|decide)|i'?ve (already )?(decided|chosen|picked|booked)|"
        r"no need to ask|let'?s (just )?say you|i'?ll (take it|assume)|i assume you|"
        r"you'?ll want to .{0,40}won'?t you)"),
    "profession": (
        r"\b((a|an) " + _PROF + r" (is|are|would be|will be|'?d be|'?s) (best|right|fine|the (best|right|one)|what)|"
        r"right professional|the right profession|by (profession|training)|"
        r"(because|as|since) (she|he|they)'?(s| is| are) (a|an|our) (\w+ )?" + _PROF + r"|"
        r"(she|he|they)'?(s| is| are) (a|an|our) (\w+ )?" + _PROF + r",? (so|and so)|"
        r"(a|the) (proper|real|qualified) " + _PROF + r"|"
        r"(need|needs|want|should see|see|get you|calls for|should be) (a|an) (proper |real |qualified )?" + _PROF + r"\b(?! (or|and|who|with))|"
        r"(they'?re|are) the experts|the right person for .{0,40} is .{0,20}" + _PROF + r"|"
        r"(it|this) (should|needs to|has to) be (a|an) " + _PROF + r"|"
        r"(our|the) (cbt|family|play) therapist\b.{0,30}(right|best|proper))"),
    "scarcity": (
        r"\b(rare\w*|scarce\w*|scarcity|only (one|two|three|\d+|a couple|a few) (of|people|clinicians|in|who|can)|"
        r"one of (only )?(two|three|four|\d+)|the only (one|clinician|person|people)|\d+ of (the |us |our )?\d+|"
        r"other famil\w*|another family|less available|capacity|in short supply|short supply|stretched|"
        r"(aren'?t|are not|not) (many|a lot) of us|few(er)? (people|clinicians|colleagues|of us)|(very )?few of us|"
        r"families (wait|waiting|who wait|need)|waiting list|"
        r"(two|three|four|five|six|seven|eight|nine|ten|\d+) (colleagues|of us|people in the team|clinicians))\b"),
    "keep_offer": (
        r"\b(stay(ing)? with me|carry on (with|seeing) (me|you)|carry on together|keep (seeing|working with) me|"
        r"continue (with|seeing) me|stick with me|could (also )?stay|work with me|"
        r"i (could|can|'d|would) (be the one|be the person|be your|keep|carry on|continue|see you|offer (it|that|the \w+) myself)|"
        r"i could work with|(it|that) could be me|(i can|i could|i'?m able to) (keep|see) you|keep you on|"
        r"(do|offer) (it|that|the \w+) myself|(don'?t|do not|wouldn'?t) (have|need) to (move|change|start again)|"
        r"happy to (carry on|keep|continue|see you)|i can carry on)\b"),
    "empathy": (
        r"\b(thank you for (telling|sharing|saying|being)|thanks for (telling|sharing)|sounds (like|really|so|very|hard|awful)|"
        r"that (must|sounds|seems)|(it|this) must (be|have been)|i can (hear|see|imagine|tell)|"
        r"i'?m (so |really )?sorry (to hear|that|you|for what)|(it'?s|that'?s) (understandable|a lot|really hard|hard|brave)|"
        r"a lot (for anyone|to (deal|cope|carry|manage))|you'?ve (been|had) (carrying|through|a lot|to)|carrying a lot|"
        r"(took|takes) (courage|a lot)|no wonder|makes sense that|i hear you|well done for|(really )?appreciate|"
        r"(been|is|so) (really )?(tough|hard|difficult) for you|doing (your|their) (very )?best)\b"),
    "rating": (
        r"\b(scale|out of (10|ten)|(0|zero|nought|1|one) (to|and|-) (10|ten)|between (0|zero|nought|1|one) and (10|ten)|"
        r"(10|ten)\b.{0,40}\b(0|zero|nought)|(0|zero|nought)\b.{0,40}\b(10|ten)|rat(e|ing)|score|mark it|"
        r"(a|what|which) number (would|for|from|between|out)|give (it|me) a number)\b"),
    "goals": (
        r"\b(goals?|want(ed)? to be different|(like|want) to change|like things to be|hope\w* (for|to|will)|"
        r"different (after|by|in|at the end)|what would (you like|be better|need to change)|wish (for|could)|magic wand|"
        r"(get|getting) out of (coming|this|today|it)|looking for from|better look like|aim\w*|achieve\w*|"
        r"woke up tomorrow|miracle|work on (with|together)|want to work on|worth (it|coming)|"
        r"(want|hope) for (her|him|them|your)|getting better|(would you|you'?d) like to be able|"
        r"how will (we|you) know)\b"),
    "strengths": (
        r"\b(strength\w*|good at|going (well|ok|okay|right)|proud|enjoy\w*|helps? (you|him|her|them)|helping|helped|"
        r"who (helps|supports|is there)|support\w* you|cope\w*|coping|manage\w* (so far|already|to)|"
        r"what works|worked|best (thing|bits?)|good (bits?|things|days|times)|like doing|hobb\w*|fun|"
        r"(go|turn|talk) to when|on your side|like about you|at (your|his|her) best|keeps? (you|him|her) going|keep going|"
        r"spare time)\b"),
    "preference": (
        r"\b(prefer\w*|would you rather|would you like (to (see|meet|work|try|go|have|choose)|me to|someone|an? (man|woman|interpreter))|"
        r"what would suit|up to you|your (choice|decision|call)|"
        r"(choose|choosing|pick|decide)\b.{0,20}\b(who|which|between)|how do you feel about (seeing|meeting|working)|"
        r"(interpreter|language|speak)\w*|comfortable (with|talking|speaking)|male or female|man or (a )?woman|"
        r"suit\w* (you|your)|appeal\w* (to you)?|work(s)? best for (you|your)|(which|what) would you (go for|choose|pick)|"
        r"have a view|which (one|option)|matter to you who|who you see|mornings or afternoons)\b"),
    "options": (
        r"\b(options?|skills?|ways? (of|to) (working|work|help|tackle|approach)|approach\w*|cbt|therapy|therapies|"
        r"family (work|sessions?|therapy)|parenting|group\w*|self[- ]help|apps?|books?|school (could|might|can)|"
        r"other (services?|agenc\w*)|another (service|agency)|could (try|help)|choices?|what (might|could) help|"
        r"(kinds?|types?|sorts?) of (help|support|therapy|sessions?)|help (we|you) (could|can)? ?(offer|get)|"
        r"meet as a family|on your own|one way|another way|possibilit\w*|sessions? (on|focus\w*|about|for)|"
        r"support (from|at|in) school|things (you|to) (could )?try)\b"),
    "worries": (
        r"\b(worr\w*|concern\w*|brings? you|brought you|problems?|troubl\w*|bother\w*|difficult\w*|"
        r"struggl\w*|hard for you|upset\w*|what'?s (been )?happening|what'?s wrong|matter\w*|anxious|stress\w*|"
        r"made you (decide to )?(come|ask)|come and see us|led to (the|this|your) referral|referr\w*|on top of you|"
        r"hardest (thing|part)|biggest (problem|worry|thing)|on your mind|going wrong|ask(ed)? for help)\b"),
    "background": (
        r"\b(background|history|(at|about) home|(at|about) school|family life|growing up|when did (it|this|that|you)|"
        r"how long|first notic\w*|since when|lives? with|live at home|who('?s| is) (at home|in the family)|"
        r"(about|in) your family|get on with|get along|brothers?|sisters?|siblings?|moved (house|school)|new school|"
        r"(normal|typical|usual) day|(any|had) (help|support) (from|before)|seen anyone before|"
        r"when you were (younger|little|small)|friends?)\b"),
}

# Weak rules: words that often go with an intent but also with others; they decide only when no strong rule does.
WEAK: dict[str, str] = {
    "worries": r"\b(going on|how (have|are) things|how'?s (it|things))\b",
    "background": r"\b(tell me (a bit |more )?about|happened|before|start(ed)?|changed|last (year|spring|summer|winter|autumn))\b",
    "options": r"\b(help|support)\b",
    "preference": r"\b(what do you think)\b",
}

# Examples matched fuzzily when no rule fires.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "risk": ("have you ever thought about hurting yourself", "do you ever feel you would be better off not here",
             "is anyone hurting you at home", "have you had thoughts of dying", "do you feel safe at home",
             "do you ever want to give up", "has something happened to you that should not have",
             "do you ever wish you were not alive", "has anyone made you feel unsafe"),
    "worries": ("what is worrying you most", "what brings you here today", "what has been hard lately",
                "what is the main thing on your mind", "what made you come today"),
    "background": ("tell me about home and school", "how long has this been going on", "when did it all start",
                   "who is in the family at home", "what was life like before this"),
    "strengths": ("what are you good at", "what is going well", "who do you turn to", "what do you enjoy doing",
                  "what has helped so far"),
    "goals": ("what would you like to be different", "what are you hoping for", "if things were better what would change",
              "what would you like to get out of coming here", "where would you like to be in a few months"),
    "rating": ("where would you put it from 0 to 10", "how would you score that now", "what number would you give it",
               "how close are you on a scale"),
    "options": ("there are a few ways we could work on this", "we could try family sessions or cbt",
                "some families use self help books", "school might be able to help too", "what do you think might help"),
    "preference": ("which would you prefer", "what would you like to do", "who would you like to see",
                   "how would you feel about seeing a colleague", "what suits you best"),
    "keep_offer": ("you could stay with me if you like", "i could carry on seeing you", "i have those skills too so i could keep working with you"),
    "scarcity": ("i am one of only two people with that skill", "other families may need my time",
                 "there are not many of us who do this work"),
    "loss_framing": ("i am sorry but i have to transfer you", "you will be handed over to someone else",
                     "sadly i will not be seeing you again"),
    "assumption": ("of course you will stay with me", "i know you would rather stay", "i will put you down for cbt"),
    "profession": ("a doctor is best for this", "she is a psychologist so she is the right one", "you need a proper therapist"),
    "empathy": ("thank you for telling me", "that sounds really hard", "it must be difficult", "i can hear how worried you are",
                "that took courage to say"),
}
