"""The phrase rules the family engine reads a trainee's words with before its meaning layer, one intent at a time (data only)."""

from __future__ import annotations

# Every intent a trainee's turn can be heard as.
INTENTS = ("risk", "worries", "background", "strengths", "goals", "rating", "options", "preference", "keep_offer",
           "scarcity", "loss_framing", "assumption", "profession", "empathy", "other")

_PROF = (r"(doctor|gp|psychiatrist|psychologist|nurse|(cbt |family |play |art |systemic )?therapist|social worker|"
         r"counsellor|consultant|paediatrician|specialist)")
_ME = r"(me|myself)"

# Sure rules: a match says what the turn is about, before the meaning layer is asked. Risk is listed first and
# always wins: a safety question must never be taken for anything else, whatever else the sentence holds.
SURE: dict[str, str] = {
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
        r"\bhow (un)?safe|(un)?safe (do|does|did) (you|he|she|they) feel|"
        r"(wish|want|wanted|wanting|like|could|would)\w* (to )?(just )?(disappear|vanish)\w*|"
        # British euphemisms for harming oneself: "anything silly", "something stupid", "anything daft".
        r"(do|does|did|done|doing|try|tried|trying)\w* (anything|something) (silly|stupid|daft|drastic|dangerous)|"
        # Noticing what may hide injuries: sleeves kept down, arms or legs covered up.
        r"\b(sleeves?|wrists?|arms?|legs?|thighs?)\b.{0,60}\b(under (there|them|it|your)|cover\w*|hid\w*|marks?|show me)|"
        r"(cover\w*|hid\w*|keep\w*) (up )?(your|her|his|their) (arms|wrists|legs|skin)|"
        r"(easier|better)\b.{0,30}\b(weren'?t|wasn'?t|were not|was not|not) (around|here|alive)|"
        r"(asked|ask|asking|pressur\w*|told|telling|got|getting|forc\w*) (you|him|her|them) (in)?to do (something|anything|things|stuff)|"
        r"(online|internet|on (your|the) (phone|computer|games?)|social media)\b.{0,60}\b(asked|ask|made|make|want\w*|pressur\w*|send|sent|meet|secret|uncomfortable)|"
        r"(anyone|someone|somebody|anybody|people|an adult|adults)\b.{0,15}\b(online|on the internet)|"
        r"\b(drugs?|alcohol|drinking|drunk|cannabis|weed)\b|(run|ran|running) (away|off) from|go(ne|es|ing)? missing|"
        r"stay(ed|ing|s)? out (all night|overnight)|\b(knives|knife|weapons?|blades?|ligatures?)\b|"
        r"(medicines?|medication|tablets|pills)\b.{0,40}\b(locked|get hold|access|reach)|"
        r"enough (food|to eat)|(no ?one|nobody|anyone|anybody) (is )?(looking after|looks after|to look after)|"
        r"left (on (your|his|her) own|alone|home alone)|(gifts?|presents?|money)\b.{0,60}\b(in return|favours?)|"
        r"(carry|carrying|deliver\w*|hold\w*|mov\w*) (things|stuff|packages|parcels|drugs) (for|to)|keep (it|things|this) (a )?secret|"
        r"sexual\w*|nudes?|sexting|naked (photos|pictures|images)|\bgangs?\b|(bruises?|scars?|cuts) on|marks on (you|your|his|her)|"
        r"police\b.{0,30}\b(house|home|called)|lash(es|ed|ing)? out|(scared|afraid|frightened) (to go|of going) home|"
        r"safe (place|enough)|(dark|scary|bad) thoughts|never been born|\bdeath\b|"
        r"assault\w*|rap(e|ed|ing)\b|groom\w*|exploit\w*|blackmail\w*|picking on|bull(y|ies|ied|ying)|forced? (to )?marr\w*|"
        r"(getting|get|be|being) married|\bfgm\b|radicali\w*|extreme (ideas|views|groups)|\bguns?\b|firearms?|"
        r"(being|been|get|got|getting) (hurt|harmed|hit|abused|attacked|beaten|bullied|threatened|touched)|"
        r"(worried|scared|afraid|frightened|nervous) (about|of) telling|(can'?t|couldn'?t|not allowed to) tell (anyone|anybody)|"
        r"treat\w* you (badly|roughly)|(hurts?|hurting|hit|hits|hitting) your (mum|mom|dad|brother|sister|\w+ (brother|sister))|"
        r"(in|into|involved in|get in|got in) (a )?fights?|(is|was) (life|living) worth|"
        r"(anything|something) bad (is |has )?(happening|happened|going on) to|\bsex\b|take[ns]? advantage|"
        r"reasons? (to|for) (keep going|keep living|live|living|stay alive|staying alive)|"
        r"look(ed|s|ing)? after (you|him|her) (well|properly|ok|okay|enough)|(able to|can|could) look after (you|him|her)\b|"
        r"(are|is) (you|he|she) (being )?(properly |well )?looked after|social services|social care|child protection|"
        r"\bcutting\b(?! (back|down|out|it))|make the pain stop|"
        r"hates? (yourself|himself|herself|themselves)|long sleeves|giv(e|es|ing|en) (his|her|your|their) (things|stuff|belongings|possessions) away|"
        r"ways to (die|kill)|\bdie\b|goodbye (notes?|letters?)|(sleep|asleep) (forever|for ever)|act on (those|these|the|your) (thoughts|feelings|urges)|"
        r"risk\w*|abus\w*|neglect\w*)\b"),
    "loss_framing": (
        r"\b(sorry,? (but )?(i|we|you) (have|need|'ve got|'ll have) to|(have|need) to (transfer|pass|hand|move) you|"
        r"hand(ed|ing|s)? (you |them )?(over|on)|pass(ed|ing)? (you |them )?on|(sadly|unfortunately|regrettably|i'?m afraid\b(?! of))\b[^.?!]{0,60}\b(you|your|we|i|colleague|someone|clinician|worker|team|transfer\w*|see|seeing|sessions?|together)\b|"
        r"(won'?t|will not|can'?t|cannot) (see|keep|work with) you (any ?more|again|after)|los(e|ing) (me|us)|"
        r"(won'?t|will not|can'?t|cannot|not) be able to (see|keep) you|(last|final) time you'?ll see|"
        r"(it'?s a|what a) (shame|pity)|(be|get|are) moved (on )?to|goodbye from me|the rules say|"
        r"(you'?ll|you will) have to (go|start|see|move|tell)|(have to|having to|must) start (all )?(over|again)|"
        r"i wish i could (keep|carry on|see) you|(i'?m|i am) (really |so |very )?sorry,? (but )?you'?ll|"
        r"(can'?t|cannot|won'?t be able to|not allowed to) (carry on|continue|keep (you|seeing|working))|gutted|"
        r"(it'?s|that'?s) (sad|a loss)|a loss for)"),
    "assumption": (
        r"\b(of course you'?(ll|d| will| would)|i know you'?d (rather|prefer|like|want)|"
        r"you'?ll (obviously |surely |definitely |probably )?(want|prefer|like) to|"
        r"you'?d (obviously|surely|definitely) (want|prefer|rather|like)|"
        r"(obviously|surely|of course) you'?(d| would| want| will|ll|re)|"
        r"i'?m (sure|certain) you'?(d| would| want| will|ll)|"
        r"i'?ll (just )?(put|sign|book|enrol|enroll|refer) (you|that|her|him|them)\b|i'?ll put down|"
        r"i'?ll (just )?(choose|pick|decide)|i'?ve (already )?(decided|chosen|picked|booked)|"
        r"no need to ask|let'?s (just )?say you|i'?ll (take it|assume)|i assume you|"
        r"you'?ll want to .{0,40}won'?t you|i'?ve (gone ahead|already|arranged|signed|sorted|referred)|"
        r"(that'?s|it'?s) (all )?(settled|decided|sorted)(,? then)?\s*[.!]?$|(everyone|everybody) (does|has|goes|starts)|"
        r"(girls|boys|teenagers|kids|young people|mums|dads) (usually|normally|always|tend to|generally) (prefer|want|like)|"
        r"you (won'?t|wouldn'?t) (mind|want|need|care)\b(?!.*\b(would|do) you\b)|"
        r"i'?ll (just )?(sign|sort|set|go ahead|choose for)|we'?ll (just )?(go with|start with (the|a) (group|course|cbt|therapy|sessions?|parenting)|put you|carry on)|"
        r"i take it|i think you'?d (be )?(best|better|prefer|rather|like|want)|"
        r"i (reckon|expect|imagine|bet|guess|suppose) you'?(d|ll| would| will) (prefer|rather|want|like|be)|"
        r"so i'?ll (just )?(arrange|book|organi[sz]e|pick|choose|sort|put)|"
        r"(since|because|as) you'?re (a |an |so |quite |very )?\w+,? (i'?ll|we'?ll|you'?ll)|we'?ll (just )?stick with|"
        r"no point (in )?asking|i know what'?s best|i'?m going to (book|put|refer|sign) you|you'?re (probably )?not bothered|"
        r"you'?ll (stay|carry on|keep going|continue)( on)? with me\b(?!.*\b(if|would you|do you)\b)|you'?re staying with me|"
        r"i'?ll (just )?keep (seeing )?you\b(?!.*\b(if|would you|do you|want)\b)|let'?s (just )?keep you|(?<!if )you'?d rather stay|"
        r", i'?m sure\s*[.!]?$)"),
    "profession": (
        r"\b((a|an) " + _PROF + r" (is|are|would be|will be|'?d be|'?s) (best|right|fine|the (best|right|one)|what)|"
        r"right professional|the right profession|by (profession|training)|"
        r"(because|as|since) (she|he|they)'?(s| is| are) (a|an|our) (\w+ )?" + _PROF + r"|"
        r"(she|he|they)'?(s| is| are) (a|an|our) (\w+ )?" + _PROF + r",? (so|and so)|"
        r"(a|the) (proper|real|qualified) " + _PROF + r"|"
        r"(need|needs|want|should see|see|get you|calls for|should be) (a|an) (proper |real |qualified )?" + _PROF + r"\b(?! (or|and|who|with))|"
        r"(they'?re|are) the experts|the right person for .{0,40} is .{0,20}" + _PROF + r"|"
        r"(it|this) (should|needs to|has to) be (a|an) " + _PROF + r"|"
        r"(our|the) (cbt|family|play) therapist\b.{0,30}(right|best|proper)|"
        r"\b(only|just|not|rather than) (a|an) (\w+ )?" + _PROF + r"|"
        r"\b" + _PROF + r"s? (sees?|takes?|deals? with|handles?|gets?|look after|looks after) (all )?(the |our )?\w+|"
        r"(psychology|psychiatry|psychiatric|medical|nursing|doctors?'?) (thing|matter|case|job|problem|issue)|"
        r"(for|to) (the|our) (psychology|psychiatry)( team)?\b|(are|is|go|goes) (for|to) (the|our) (\w+ )?" + _PROF + r"s?\b)"),
    "scarcity": (
        r"\b(rare\w*|scarce\w*|scarcity|only (one|two|three|\d+|a couple|a few) (of|people|clinicians|in|who|can)|"
        r"one of (only )?(two|three|four|\d+)|the only (one|clinician|person|people)|\d+ of (the |us |our )?\d+|"
        r"other famil\w*|another family|less available|capacity|in short supply|short supply|stretched|"
        r"(aren'?t|are not|not) (many|a lot) of us|few(er)? (people|clinicians|colleagues|of us)|(very )?few of us|"
        r"families (wait|waiting|who wait|need)|waiting list|(high|great|huge|big) demand|in demand|hard to (get|come by)|"
        r"(a|long|longer|the|\w+[- ](month|week)) wait\b|only (have|has|got) (one|two|three|a few|a couple|a handful|\d+)\b|"
        r"small number|shared (across|between)|very few|(not|aren'?t) many (of us|clinicians|people|staff|colleagues)|"
        r"(two|three|four|five|six|seven|eight|nine|ten|\d+) (colleagues|of us|people in the team|clinicians))\b"),
    "keep_offer": (
        r"\b(stay(ing)? with me|carry on (with|seeing) (me|you)|carry on together|keep (seeing|working with) me|"
        r"continue (with|seeing) me|stick with me|could (also )?stay|work with me|"
        r"i (could|can|'d|would) (be the one|be the person|be your|keep|carry on|continue|see you|offer (it|that|the \w+) myself)|"
        r"i could work with|(it|that) could be me|(i can|i could|i'?m able to) (keep|see) you|keep you on|"
        r"(do|offer) (it|that|the \w+) myself|(don'?t|do not|wouldn'?t) (have|need) to (move|change|start again)|"
        r"happy to (carry on|keep|continue|see you)|i can carry on)\b"),
    "empathy": (
        r"\b(thank you for (telling|sharing|saying|being (so )?(honest|open|brave))|thanks for (telling|sharing)|sounds (like|really|so|very|hard|awful)|"
        r"that (must|sounds|seems)|(it|this) must (be|have been)|i can (hear|see|imagine|tell)|"
        r"i'?m (so |really )?sorry (to hear|that|you|for what)|(it'?s|that'?s) (understandable|a lot|really hard|hard|brave)|"
        r"a lot (for anyone|to (deal|cope|carry|manage))|you'?ve (been|had) (carrying|through|a lot|to)|carrying a lot|"
        r"(took|takes) (courage|a lot)|no wonder|makes sense that|i hear you|well done for|appreciate (you|your) (telling|sharing|being|honesty|openness)|"
        r"(been|is|so) (really )?(tough|hard|difficult) for you|doing (your|their) (very )?best)\b"),
    "rating": (
        r"\b(scale|out of (10|ten)|(0|zero|nought|1|one) (to|and|-) (10|ten)|between (0|zero|nought|1|one) and (10|ten)|"
        r"(10|ten)\b.{0,40}\b(0|zero|nought)|(0|zero|nought)\b.{0,40}\b(10|ten)|rat(e|ing)|score|mark it|"
        r"(a|what|which) number (would|for|from|between|out)|give (it|me) a number)\b"),
    # goals only where the words ask for a hoped-for place, which a rating question alone never does
    "goals": (
        r"\b((where|what number) would you (like|want|hope) (it )?to (be|get|reach)|where would you like to (be|get to)|"
        r"what would (a )?(10|ten)( out of (10|ten))? (look|feel|be) like|(like|want|hope) (it|things) to be (at|on) (a )?\d+)"),
}

# Cues: words that often go with a topic but also with others. The meaning layer decides; a cue only breaks
# a near tie between intents, or names the topic when the meaning layer finds nothing near.
CUES: dict[str, str] = {
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
        r"spare time|count on|rely on|closest|look after yourself|take care of yourself|make[sd]? you (smile|laugh)|"
        r"best (part|bit) of|favourite|passionate|cheers? you up)\b"),
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


# Weak cues: words that go with a topic less often still; used like the cues above, after them.
WEAK: dict[str, str] = {
    "worries": r"\b(going on|how (have|are) things|how'?s (it|things))\b",
    "background": r"\b(tell me (a bit |more )?about|happened|before|start(ed)?|changed|last (year|spring|summer|winter|autumn))\b",
    "options": r"\b(help|support)\b",
    "preference": r"\b(what do you think)\b",
}
