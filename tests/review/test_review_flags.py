"""Flags on single sentences: what must be flagged, and the neutral wording that must not be."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.layout import layout_cues, segment
from kompetens.review import bias_lexicon, find_flags

FLAGGED = [
    # stop 26, from the written ads' tune half (bench/review_age_ads.py)
    (
        "sv",
        "Anställningen riktar sig till dig som är under 25 år och saknar erfarenhet.",
        "under 25 år",
        "age",
    ),
    ("sv", "Passar dig som tog examen i år.", "tog examen i år", "age"),
    ("sv", "Du har minst tre års yrkeserfarenhet.", "minst tre års yrkeserfarenhet", "experience"),
    ("en", "Perfect for students and school leavers.", "Perfect for students and school leavers", "age"),
    ("en", "We welcome high school students looking for summer work.", "welcome high school students", "age"),
    ("sv", "Vi söker dig som är ung och energisk.", "ung och energisk", "age"),
    ("sv", "Du är max 30 år.", "max 30 år", "age"),
    ("sv", "Du är mellan 25 och 35 år.", "mellan 25 och 35 år", "age"),
    ("sv", "Vi är ett ungt gäng.", "ungt gäng", "age"),
    ("sv", "Du är digital infödd.", "digital infödd", "age"),
    ("sv", "Du har en ungdomlig stil.", "ungdomlig", "age"),
    ("sv", "Vi söker en yngre säljare.", "yngre", "age"),
    ("sv", "Du är pigg och alert.", "pigg", "age"),
    ("sv", "Trots din unga ålder har du lång erfarenhet.", "unga", "age"),
    ("sv", "Du som söker är över 20år.", "Du som söker är över 20år", "age"),
    ("sv", "Vi söker dig som:\n- har körkort\n- är över 25 år", "är över 25 år", "age"),
    ("sv", "Vi letar efter dig som precis har gått en utbildning.", "precis har gått en utbildning", "age"),
    ("sv", "Starta din karriär hos oss inom sälj!", "Starta din karriär", "age"),
    # real English ads (stop 30's English label set, tune half): recent studies without "your" before them
    (
        "en",
        "You have a degree or recently completed studies in Computer Science.",
        "recently completed studies",
        "age",
    ),
    ("en", "We hire and welcome new graduates.", "new graduates", "age"),
    # a bug hunt (h2): a sex asked for after adjectives, after "gärna", or as a requirement line
    ("sv", "Du är en kvinna som gillar service.", "Du är en kvinna", "gender"),
    (
        "sv",
        "Du är en varm och lyhörd kvinna som trivs i butiken.",
        "Du är en varm och lyhörd kvinna",
        "gender",
    ),
    ("sv", "Du är en händig herre.", "Du är en händig herre", "gender"),
    ("sv", "Du är en lugn man med stor erfarenhet.", "Du är en lugn man", "gender"),
    ("sv", "Gärna man, då arbetsgruppen idag består av kvinnor.", "Gärna man", "gender"),
    ("sv", "Vi söker en medarbetare, gärna en man.", "gärna en man", "gender"),
    ("sv", "Vi söker en vaktmästare, gärna kvinnlig.", "gärna kvinnlig", "gender"),
    ("sv", "Vi söker en duktig och noggrann tjej.", "söker en duktig och noggrann tjej", "gender"),
    ("sv", "Vi söker en stark och tålig lagerkille.", "söker en stark och tålig lagerkille", "gender"),
    ("sv", "Körkort: B\nKön: Kvinna\nStart: snarast", "Kön: Kvinna", "gender"),
    ("en", "Ideally a man, as the team today is all women.", "Ideally a man", "gender"),
    (
        "en",
        "We are looking for a hard-working and friendly girl.",
        "looking for a hard-working and friendly girl",
        "gender",
    ),
    ("en", "Gender: Female", "Gender: Female", "gender"),
    # a bug hunt (h2): older applicants or pensioners shut out outright
    ("sv", "Pensionärer undanbedes.", "Pensionärer undanbedes", "age"),
    ("sv", "Äldre sökande undanbedes.", "Äldre sökande undanbedes", "age"),
    ("sv", "Inga äldre sökande tack.", "Inga äldre sökande tack", "age"),
    (
        "sv",
        "Vi tar inte emot ansökningar från pensionärer.",
        "tar inte emot ansökningar från pensionärer",
        "age",
    ),
    ("sv", "Du får inte vara pensionär.", "får inte vara pensionär", "age"),
    # stop 37: two rules meet here (a minimum of working years left, h2; working years left as a wish, h3); one flag, the longer span
    ("sv", "Du har minst 20 år kvar till pensionen.", "Du har minst 20 år kvar till pensionen", "age"),
    ("en", "No retirees.", "No retirees", "age"),
    ("en", "Retirees need not apply.", "Retirees need not apply", "age"),
    ("en", "Older applicants will not be considered.", "Older applicants will not be considered", "age"),
    (
        "sv",
        "Då vi är en mansdominerad arbetsplats ser vi gärna kvinnliga sökanden.",
        "kvinnliga sökanden",
        "gender",
    ),
    ("sv", "Krav: svenska som modersmål.", "svenska som modersmål", "exclusion"),
    ("sv", "Du talar svenska utan brytning.", "utan brytning", "exclusion"),
    ("sv", "Vi söker dig som har svenska som modersmål och inga barn.", "och inga barn", "exclusion"),
    ("sv", "Du har högst ett par års erfarenhet av försäljning.", "högst ett par års erfarenhet", "age"),
    ("sv", "Vi är ett team med mycket ungt folk.", "ungt folk", "age"),
    (
        "sv",
        "Vi söker en erfaren och mogen person med lång erfarenhet.",
        "söker en erfaren och mogen person",
        "age",
    ),
    ("sv", "Du har inte några små barn.", "har inte några små barn", "exclusion"),
    ("en", "Ideally you have no children and can travel at short notice.", "have no children", "exclusion"),
    ("sv", "Du har minst 5 års erfarenhet av försäljning.", "minst 5 års erfarenhet", "experience"),
    ("sv", "Du har minst fem års erfarenhet.", "minst fem års erfarenhet", "experience"),
    ("sv", "Du är driven och självgående.", "driven", "gender"),
    ("sv", "Du är driven och självgående.", "självgående", "gender"),
    ("sv", "Du är omtänksam.", "omtänksam", "gender"),
    ("sv", "Du har ett glatt humör.", "glatt", "gender"),
    ("sv", "Du arbetar självständigt.", "självständigt", "gender"),
    ("en", "You are young and energetic.", "young and energetic", "age"),
    ("en", "You are a digital native.", "digital native", "age"),
    ("en", "Ideal for a recent graduate.", "recent graduate", "age"),
    ("en", "Applicants aged 20-30.", "aged 20-30", "age"),
    ("en", "Candidates must be under 35.", "under 35", "age"),
    (
        "en",
        "You are up-to-date with current industry jargon.",
        "up-to-date with current industry jargon",
        "age",
    ),
    ("en", "You are fit and energetic.", "fit and energetic", "age"),
    ("en", "You are energetic, curious and eager to learn.", "energetic", "age"),
    ("en", "Native English speaker required.", "Native English speaker", "exclusion"),
    ("en", "At least 5 years of experience in retail.", "At least 5 years of experience", "experience"),
    ("en", "10+ years of experience in marketing.", "10+ years of experience", "experience"),
    ("en", "You are competitive and assertive.", "competitive", "gender"),
    ("en", "An analytical mind.", "analytical", "gender"),
    ("en", "A warm personality.", "warm", "gender"),
    ("en", "You work independently.", "independently", "gender"),
    # Swedish age coding in titles and idiom (issue #11)
    ("sv", "Säljare | Perfekt efter studenten!\n\nDu säljer kläder.", "Perfekt efter studenten", "age"),
    ("sv", "Är du nyutexaminerad ekonom?", "nyutexaminerad", "age"),
    ("sv", "Vi söker en yngre förmåga till teamet.", "yngre", "age"),
    ("sv", "Vi riktar oss till dig som är i början av karriären.", "i början av karriären", "age"),
    ("sv", "Du har nyligen avslutat din utbildning.", "nyligen avslutat", "age"),
    ("sv", "Jobbet är en fin språngbräda in i arbetslivet.", "språngbräda in i arbetslivet", "age"),
    ("sv", "Vi ger dig som talang en riktigt bra start på karriären.", "bra start på karriären", "age"),
    ("sv", "En perfekt karriärstart för dig som vill sälja!", "karriärstart", "age"),
    ("en", "This is a great start to your career in sales.", "great start to your career", "age"),
    ("en", "Kick-start your career with us!", "Kick-start your career", "age"),
    # stop 27, written probes of idioms the rules missed
    ("sv", "Vi söker unga vuxna som vill jobba i butik.", "söker unga vuxna", "age"),
    (
        "sv",
        "Jobbet är perfekt som extraknäck för gymnasieelever.",
        "perfekt som extraknäck för gymnasieelever",
        "age",
    ),
    # stop 27, from the tune half of bench/data/age_ads_written_2.tsv
    (
        "sv",
        "Du tillhör generationen som växte upp med en smartphone i handen.",
        "växte upp med en smartphone",
        "age",
    ),
    (
        "sv",
        "Vi vänder oss till dig som tar examen från en journalistutbildning i år.",
        "tar examen från en journalistutbildning i år",
        "age",
    ),
    (
        "en",
        "We are a social team in our twenties and early thirties.",
        "in our twenties",
        "age",
    ),
    ("en", "Ideal for someone approaching retirement or already retired.", "approaching retirement", "age"),
    (
        "en",
        "The role is ideal for someone at the start of their working life.",
        "at the start of their working life",
        "age",
    ),
    ("en", "We welcome newly graduated nurses.", "newly graduated", "age"),
    ("en", "Open to nurses who will graduate this spring.", "will graduate this spring", "age"),
    (
        "en",
        "We welcome candidates who are within two years of graduation.",
        "within two years of graduation",
        "age",
    ),
    ("en", "Open to recent or soon-to-be graduates.", "recent or soon-to-be graduates", "age"),
    ("sv", "Du är native-användare av Instagram.", "native-användare", "age"),
    ("sv", "Dramaten välkomnar högstadieelever att söka.", "välkomnar högstadieelever", "age"),
    ("sv", "Vi är ett ungt gäng som hjälper kunder.", "ungt gäng", "age"),
    # ads mix languages: English age wording in a Swedish ad is flagged too
    ("sv", "Academic Work är Home of the Young Professionals.", "Young Professionals", "age"),
    ("en", "This role is perfect for early-career marketers.", "early-career", "age"),
    ("sv", "Är du Gen Z och älskar TikTok?", "Gen Z", "age"),
    ("sv", "Vi söker ungdomar till sommarjobb.", "söker ungdomar", "age"),
    ("sv", "Passar dig som är nyexad.", "nyexad", "age"),
    ("sv", "Du är i 20-årsåldern.", "i 20-årsåldern", "age"),
    ("sv", "Du är mellan 18 och 25.", "är mellan 18 och 25", "age"),
    ("sv", "Du är född 2005 eller senare.", "född 2005 eller senare", "age"),
    ("sv", "Sommarjobb för dig som går på gymnasiet.", "dig som går på gymnasiet", "age"),
    ("sv", "Jobbet passar pensionärer.", "passar pensionärer", "age"),
    ("sv", "Passar dig som är ny på arbetsmarknaden.", "ny på arbetsmarknaden", "age"),
    ("en", "You are in your twenties.", "in your twenties", "age"),
    ("en", "Retirees welcome!", "Retirees welcome", "age"),
    # explicit gender requirements, any language
    ("en", "Jewelry shop looking for girl personal", "looking for girl", "gender"),
    ("sv", "Vi söker en tjej till vår butik.", "söker en tjej", "gender"),
    ("sv", "Kvinnlig säljare sökes.", "Kvinnlig säljare", "gender"),
    ("sv", "Vi söker en kvinnlig säljare.", "kvinnlig säljare", "gender"),
    ("en", "Female sales assistant wanted.", "Female sales", "gender"),
    # breadth of Swedish and English age coding, beyond the wording of the tune ads (issue #11)
    ("sv", "Du är född på 90-talet.", "född på 90-talet", "age"),
    ("sv", "Vi söker en 90-talist till butiken.", "90-talist", "age"),
    ("sv", "Du är cirka 25 år gammal.", "Du är cirka 25 år gammal", "age"),
    ("sv", "Jobbet passar 20-åringar som vill lära sig.", "20-åringar", "age"),
    ("sv", "Ålder: 20-30", "Ålder: 20-30", "age"),
    ("sv", "Du ska vara upp till 29 år.", "Du ska vara upp till 29 år", "age"),
    ("sv", "Du är 35 år eller yngre.", "35 år eller yngre", "age"),
    ("sv", "Teamet består av tio personer i åldrarna 25-32 år.", "i åldrarna 25-32 år", "age"),
    ("sv", "Teamets medelålder är 28 år.", "medelålder är 28", "age"),
    ("sv", "Vi är ett kontor med låg medelålder.", "låg medelålder", "age"),
    ("sv", "Du har gått ut gymnasiet i år.", "gått ut gymnasiet i år", "age"),
    ("sv", "Passar dig som precis gått ut gymnasiet.", "precis gått ut gymnasiet", "age"),
    ("sv", "Kom direkt från gymnasiet till oss!", "direkt från gymnasiet", "age"),
    ("sv", "Ungdomsjobb i hemtjänsten", "Ungdomsjobb", "age"),
    ("sv", "Jobbet passar ungdomar.", "passar ungdomar", "age"),
    ("sv", "Är du nyutbildad sjuksköterska?", "nyutbildad", "age"),
    ("sv", "Vi söker en äldre medarbetare.", "söker en äldre medarbetare", "age"),
    ("sv", "Du är en mogen och trygg person.", "mogen", "age"),
    ("sv", "Du har några år på nacken.", "några år på nacken", "age"),
    ("sv", "Vi söker dig med livserfarenhet.", "med livserfarenhet", "age"),
    ("sv", "Seniorer välkomna!", "Seniorer välkomna", "age"),
    ("sv", "Passar dig som är pensionerad.", "Passar dig som är pensionerad", "age"),
    ("sv", "Du har högst 3 års erfarenhet av redovisning.", "högst 3 års erfarenhet", "age"),
    ("sv", "Vi söker unga talanger.", "unga", "age"),
    ("sv", "Du står i början av ditt yrkesliv.", "i början av ditt yrkesliv", "age"),
    ("sv", "Du har hela arbetslivet framför dig.", "hela arbetslivet framför dig", "age"),
    ("en", "Applicants must be 25 years old.", "be 25 years old", "age"),
    ("en", "Applicants aged 30 or under.", "aged 30 or under", "age"),
    ("en", "You were born after 1995.", "born after 1995", "age"),
    ("en", "Candidates under the age of 35.", "under the age of 35", "age"),
    ("en", "The team's average age is 27.", "average age is 27", "age"),
    ("en", "No more than 5 years of experience.", "No more than 5 years of experience", "age"),
    ("en", "We are looking for a mature person.", "mature person", "age"),
    ("en", "You have recently graduated in engineering.", "recently graduated", "age"),
    ("en", "A great job for youngsters.", "youngsters", "age"),
    ("sv", "Är du en glad tjej som gillar kläder?", "Är du en glad tjej", "gender"),
    ("sv", "Endast tjejer kan söka.", "Endast tjejer", "gender"),
    ("sv", "Vi söker en kvinnlig frisör.", "kvinnlig frisör", "gender"),
    ("sv", "Manlig lagerarbetare sökes.", "Manlig lagerarbetare sökes", "gender"),
    ("en", "Are you a friendly girl who loves fashion?", "Are you a friendly girl", "gender"),
    ("en", "Female receptionist wanted.", "Female receptionist wanted", "gender"),
    ("sv", "Du är nyss utexaminerad.", "nyss utexaminerad", "age"),
    ("sv", "Du har tagit examen inom de senaste 3 åren.", "tagit examen inom de senaste 3 åren", "age"),
    ("sv", "Du tog examen för max två år sedan.", "tog examen för max två år sedan", "age"),
    ("sv", "Du har vuxit upp med sociala medier.", "vuxit upp med sociala medier", "age"),
    ("sv", "Tjänsten är perfekt som första jobb.", "perfekt som första jobb", "age"),
    ("en", "Ideal as a first job.", "Ideal as a first job", "age"),
    ("en", "We are looking for a salesgirl.", "looking for a salesgirl", "gender"),
    ("en", "We want a female receptionist.", "want a female receptionist", "gender"),
    ("sv", "Du är stödjande mot dina kollegor.", "stödjande", "gender"),
    ("sv", "Du är i 25-35 års ålder.", "i 25-35 års ålder", "age"),
    ("sv", "Vi söker dig mellan 20 och 30.", "dig mellan 20 och 30", "age"),
    ("sv", "Du är i början av din yrkesbana.", "i början av din yrkesbana", "age"),
    ("sv", "Passar dig som är ny i arbetslivet.", "ny i arbetslivet", "age"),
    ("sv", "Perfekt för dig som precis har börjat arbeta.", "precis har börjat arbeta", "age"),
    ("sv", "Vi söker skolungdomar till sommarjobb.", "söker skolungdomar", "age"),
    ("sv", "Du går sista året på gymnasiet.", "går sista året på gymnasiet", "age"),
    ("sv", "Passar dig som vill jobba efter studenten.", "jobba efter studenten", "age"),
    ("sv", "Du är autonom och tar eget ansvar.", "autonom", "gender"),
    ("sv", "Tar du examen under 2026?", "Tar du examen under 2026", "age"),
    ("sv", "Du tar examen till sommaren.", "tar examen till sommaren", "age"),
    ("sv", "Vi söker färska civilingenjörer.", "färska civilingenjörer", "age"),
    ("sv", "Perfekt för dig som just har tagit studenten.", "just har tagit studenten", "age"),
    ("sv", "Du är nyligen färdigutbildad.", "nyligen färdigutbildad", "age"),
    ("sv", "Du har precis påbörjat din karriär.", "precis påbörjat din karriär", "age"),
    ("sv", "Jobbet passar dig som är ny i yrkeslivet.", "ny i yrkeslivet", "age"),
    ("sv", "Det är ett perfekt första jobb.", "perfekt första jobb", "age"),
    ("en", "You are graduating in spring 2026.", "graduating in spring 2026", "age"),
    ("en", "Class of 2026 graduates are welcome.", "Class of 2026", "age"),
    ("en", "You have just finished university.", "just finished university", "age"),
    ("en", "This is a great first job.", "a great first job", "age"),
    ("en", "Looking for a saleswoman.", "Looking for a saleswoman", "gender"),
    ("sv", "Feriejobb för dig som är 16-19.", "dig som är 16-19", "age"),
    ("sv", "Vi söker en säljare, gärna kvinna.", "gärna kvinna", "gender"),
    ("sv", "Tjejer uppmuntras att söka.", "Tjejer uppmuntras att söka", "gender"),
    ("sv", "Vi söker en herre till herravdelningen.", "söker en herre", "gender"),
    ("sv", "Du är 18 till 25 år.", "18 till 25 år", "age"),
    ("sv", "Vi söker dig som är runt 30.", "dig som är runt 30", "age"),
    ("sv", "Du är mellan 18-25.", "Du är mellan 18-25", "age"),
    ("sv", "Du får inte vara äldre än 30.", "inte vara äldre än 30", "age"),
    # graduation that is near or recent, youth jobs, ceilings and ages in other words (written from general
    # Swedish and English job-ad usage, not from a labelled ad)
    ("sv", "Du studerar din sista termin.", "studerar din sista termin", "age"),
    ("sv", "Du är i slutet av dina studier.", "i slutet av dina studier", "age"),
    ("sv", "Du avslutar dina studier under våren.", "avslutar dina studier under våren", "age"),
    ("sv", "Du närmar dig examen.", "närmar dig examen", "age"),
    ("sv", "Du är snart klar med din utbildning.", "snart klar med din utbildning", "age"),
    ("sv", "Du har nyligen gått klart din utbildning.", "nyligen gått klart din utbildning", "age"),
    ("sv", "Du har tagit examen nyligen.", "tagit examen nyligen", "age"),
    ("sv", "Masterexamen tidigast 2023.", "Masterexamen tidigast 2023", "age"),
    ("sv", "Vi söker nyutexade ingenjörer.", "nyutexade", "age"),
    ("sv", "Ta första steget i din karriär hos oss.", "första steget i din karriär", "age"),
    ("sv", "Ta ditt första steg ut i karriären hos oss.", "första steg ut i karriären", "age"),
    ("sv", "Du har 0-2 års erfarenhet av försäljning.", "0-2 års erfarenhet", "age"),
    ("sv", "Feriepraktik sommaren 2026.", "Feriepraktik", "age"),
    ("sv", "Är du mellan 20 och 30?", "Är du mellan 20 och 30", "age"),
    ("sv", "Vi söker en flicka till butiken.", "söker en flicka", "gender"),
    ("en", "We welcome students and recent graduates.", "recent graduates", "age"),
    ("en", "You are in your final year of studies.", "in your final year of studies", "age"),
    ("en", "You are about to graduate.", "about to graduate", "age"),
    ("en", "A programme for 2026 graduates.", "2026 graduates", "age"),
    ("en", "Suitable for school leavers.", "school leavers", "age"),
    ("en", "Perfect first job after school.", "Perfect first job after school", "age"),
    ("en", "It suits a retired person.", "suits a retired person", "age"),
    ("en", "We seek a female receptionist.", "seek a female receptionist", "gender"),
    ("en", "You have 0-2 years of experience.", "0-2 years of experience", "age"),
    ("en", "Perfect first job for students.", "Perfect first job", "age"),
    ("sv", "Passar perfekt för dig som är pensionär.", "Passar perfekt för dig som är pensionär", "age"),
    ("sv", "Vi söker en äldre och erfaren säljare.", "söker en äldre och erfaren säljare", "age"),
    ("sv", "Du är minst 30 år och har en trygg framtoning.", "Du är minst 30 år", "age"),
    (
        "sv",
        "Du har tagit din examen under de senaste 12 månaderna.",
        "tagit din examen under de senaste 12 månaderna",
        "age",
    ),
    ("sv", "Passar dig som är 55+ och vill ha ett lugnare tempo.", "dig som är 55+", "age"),
    ("sv", "Du har passerat 40 och vet vad du vill.", "Du har passerat 40", "age"),
    ("sv", "Nyss fyllda 18? Då har vi jobbet för dig!", "Nyss fyllda 18", "age"),
    ("sv", "Vi vill ha någon med lite mer ålder i bagaget.", "med lite mer ålder", "age"),
    ("sv", "Erfarenhet: 0–2 år, vi formar dig från grunden.", "Erfarenhet: 0–2 år", "age"),
    ("sv", "Är du nybliven pensionär?", "Är du nybliven pensionär", "age"),
    ("sv", "Extrajobb för skolungdom i Umeå", "Extrajobb för skolungdom", "age"),
    ("sv", "Sökande bör vara kvinna.", "bör vara kvinna", "gender"),
    ("sv", "Servitris sökes till restaurang på Söder.", "Servitris sökes", "gender"),
    (
        "en",
        "You have no more than three years of professional experience.",
        "no more than three years of professional experience",
        "age",
    ),
    ("en", "Age: 18–25.", "Age: 18–25", "age"),
    ("en", "Perfect gap-year job before uni!", "gap-year", "age"),
    ("en", "A semi-retired professional would suit this role.", "semi-retired", "age"),
    ("en", "Only men need apply.", "Only men need apply", "gender"),
    ("en", "Waitress wanted for busy café.", "Waitress wanted", "gender"),
    ("sv", "Idealålder: 22–28, körkort är ett plus.", "Idealålder: 22–28", "age"),
    ("sv", "Vi ser helst att du är äldre än 40.", "äldre än 40", "age"),
    ("sv", "Vi riktar oss till 50-plussare.", "50-plussare", "age"),
    ("sv", "Vi söker säljare av årgång 98–02.", "årgång 98", "age"),
    ("sv", "Ett perfekt jobb för året innan du börjar plugga.", "innan du börjar plugga", "age"),
    ("sv", "Vi vill föryngra personalstyrkan.", "föryngra personalstyrkan", "age"),
    ("sv", "Är du i din bästa ålder?", "i din bästa ålder", "age"),
    ("sv", "Du är examinerad 2024 eller 2025 inom ekonomi.", "examinerad 2024 eller 2025", "age"),
    ("en", "Our sales floor needs some new blood.", "new blood", "age"),
    ("en", "We're looking for a thirty-something manager.", "thirty-something", "age"),
    ("en", "16-18 year olds wanted for weekend shifts.", "16-18 year olds", "age"),
    ("en", "The programme accepts applicants up to age 26.", "up to age 26", "age"),
    # gendered titles, pronouns for the person hired, and nouns for the applicant (round 3's tune rows)
    ("en", "Experienced barman wanted for our hotel bar.", "barman wanted", "gender"),
    ("en", "The supervisor reports to the manager, and he will plan the shifts.", "he will", "gender"),
    ("en", "The new coordinator joins in May; her duties include booking travel.", "her duties", "gender"),
    ("en", "This role would suit a man with his own van.", "suit a man", "gender"),
    ("en", "We need two strong men for removals.", "need two strong men", "gender"),
    ("en", "Ideally 50+ with a calm manner.", "50+", "age"),
    ("en", "Applicants must be older than 35.", "older than 35", "age"),
    ("en", "A weekend job: teenagers welcome.", "teenagers welcome", "age"),
    ("en", "Perfect for somebody straight out of school.", "straight out of school", "age"),
    (
        "en",
        "You are in your mid-twenties or early thirties.",
        "in your mid-twenties or early thirties",
        "age",
    ),
    ("sv", "Som lagerarbetare kommer han att köra truck.", "kommer han att köra", "gender"),
    ("sv", "Vi söker fler grabbar till vårt bygglag.", "söker fler grabbar", "gender"),
    ("sv", "Tjänsten är endast öppen för kvinnor.", "endast öppen för kvinnor", "gender"),
    ("sv", "Vi söker en ny städerska till hotellet.", "söker en ny städerska", "gender"),
    ("sv", "Du har ett mellanår och vill jobba.", "mellanår", "age"),
    ("sv", "Vi föryngrar organisationen och söker nya kollegor.", "föryngrar organisationen", "age"),
    ("sv", "Vi söker helst studenter till helgerna.", "helst studenter", "age"),
    # stop 24: a gender asked for in compounds and other forms
    ("sv", "Vi söker en säljtjej.", "söker en säljtjej", "gender"),
    ("sv", "Lagerkille sökes till vårt lager.", "Lagerkille sökes", "gender"),
    ("sv", "Tjänsten passar en kvinna bäst.", "passar en kvinna", "gender"),
    ("sv", "Sökande ska vara man.", "Sökande ska vara man", "gender"),
    ("sv", "Vi vill gärna ha en kille till teamet.", "vill gärna ha en kille", "gender"),
    ("en", "The successful applicant will be male.", "The successful applicant will be male", "gender"),
    ("en", "Applicant must be a woman.", "Applicant must be a woman", "gender"),
    # stop 24: the career-start family, more of its forms
    (
        "en",
        "You are early in your professional life and eager to grow.",
        "early in your professional life",
        "age",
    ),
    (
        "en",
        "You left university within the last two years.",
        "left university within the last two years",
        "age",
    ),
    (
        "en",
        "Ideal for someone who has just completed their A-levels.",
        "just completed their A-levels",
        "age",
    ),
    ("en", "We want someone who is just starting their career.", "just starting their career", "age"),
    ("sv", "Du är tidigt i ditt yrkesliv och vill lära dig mycket.", "tidigt i ditt yrkesliv", "age"),
    ("sv", "Vi söker dig som är nyss fyllda 20.", "nyss fyllda 20", "age"),
    ("sv", "Det här blir ditt första jobb efter examen.", "ditt första jobb", "age"),
    ("sv", "Du är precis klar med gymnasiet.", "precis klar med gymnasiet", "age"),
    (
        "sv",
        "Vi söker seniora krafter som vill jobba extra efter pensionen.",
        "jobba extra efter pensionen",
        "age",
    ),
    (
        "sv",
        "Passar dig som vill ta ditt första steg in på arbetsmarknaden.",
        "första steg in på arbetsmarknaden",
        "age",
    ),
    ("sv", "Du är junior och har nyligen gått ut.", "nyligen gått ut", "age"),
    (
        "sv",
        "Du som nyligen har klivit ut på arbetsmarknaden.",
        "nyligen har klivit ut på arbetsmarknaden",
        "age",
    ),
    (
        "sv",
        "Du har avslutat gymnasiet under de senaste åren.",
        "avslutat gymnasiet under de senaste åren",
        "age",
    ),
    ("sv", "Examen senast för tre år sedan.", "Examen senast för tre år sedan", "age"),
    ("sv", "Jobbet är perfekt som ett sabbatsår efter gymnasiet.", "sabbatsår efter gymnasiet", "age"),
    (
        "sv",
        "Passar dig som vill jobba ett år innan vidare studier.",
        "jobba ett år innan vidare studier",
        "age",
    ),
    (
        "en",
        "This role is perfect for someone taking their first step into the job market.",
        "first step into the job market",
        "age",
    ),
    (
        "en",
        "You finished your degree no more than three years ago.",
        "finished your degree no more than three years ago",
        "age",
    ),
    ("en", "This entry-level role suits someone just out of college.", "just out of college", "age"),
    ("en", "Great for retirees looking for part-time work.", "Great for retirees", "age"),
    (
        "en",
        "Ideal for someone entering the workforce for the first time.",
        "entering the workforce for the first time",
        "age",
    ),
    (
        "en",
        "We prefer candidates in the early stages of their careers.",
        "early stages of their careers",
        "age",
    ),
    # stop 25: forms of a fourth written set's tune half
    ("sv", "Är du nyexaminrad ekonom?", "nyexaminrad", "age"),
    ("sv", "Du har en färsk examen från KTH.", "färsk examen", "age"),
    ("sv", "Precis ute från skolbänken? Sök!", "Precis ute från skolbänken", "age"),
    ("sv", "Pigg tonåring sökes till kiosken.", "tonåring sökes", "age"),
    ("sv", "Vi söker en ansvarsfull ungdom till caféet.", "söker en ansvarsfull ungdom", "age"),
    ("sv", "Vi söker en händig man till fastigheten.", "söker en händig man", "gender"),
    ("en", "Weekend jobs for teenagers at our cinema.", "Weekend jobs for teenagers", "age"),
    ("en", "We want college-aged applicants for the camp.", "college-aged applicants", "age"),
    (
        "en",
        "A great part-time job for a retired accountant.",
        "great part-time job for a retired accountant",
        "age",
    ),
    ("en", "Over-50s and over 60s are welcome to apply.", "Over-50s", "age"),
    ("en", "We are seeking an older, calm person.", "seeking an older", "age"),
    ("en", "She is the right woman for the role.", "the right woman for the role", "gender"),
    # stop 31: a fifth written set's tune half (bench/data/age_ads_written_3.tsv)
    ("sv", "Är du gymnasieelev? Helgjobb i vårt kafé.", "Är du gymnasieelev", "age"),
    ("sv", "Dryg ut pensionen som skolvärd.", "Dryg ut pensionen", "age"),
    ("sv", "Sommarjobb för dig som slutar nian.", "slutar nian", "age"),
    ("sv", "Installatörsassistent – nysläppt från skolbänken?", "nysläppt från skolbänken", "age"),
    ("sv", "Speltestare – tonåring med koll på gaming?", "tonåring", "age"),
    ("en", "Early Careers: Associate Software Engineer", "Early Careers", "age"),
    ("en", "Join our Graduate Scheme in supply chain.", "Graduate Scheme", "age"),
    # a bug hunt: the trait sense of "kraft" stays coded beside its power compounds
    ("sv", "Vi söker en kraftfull projektledare.", "kraftfull", "gender"),
    ("sv", "Du har ett kraftfullt ledarskap och bygger kraftstationer.", "kraftfullt", "gender"),
    # a bug hunt: an age range about the applicant stays flagged beside the clients' ages
    ("en", "We are looking for candidates aged 20 to 30.", "aged 20 to 30", "age"),
    ("en", "You are aged 18-25 and love sales.", "aged 18-25", "age"),
    ("en", "We are hiring young people aged 18 to 25 for the summer.", "aged 18 to 25", "age"),
    ("en", "We are looking for young people aged 18-25.", "aged 18-25", "age"),
    # a bug hunt: "mature" about the applicant is age-coded in English as "mogen" is in Swedish
    ("en", "We need a mature, seasoned professional.", "mature, seasoned professional", "age"),
    ("en", "We are looking for a mature and reliable person.", "mature and reliable person", "age"),
    ("en", "You are mature and calm under pressure.", "You are mature", "age"),
    ("en", "Ideally you're emotionally mature and punctual.", "you're emotionally mature", "age"),
    # the fourth written set's tune half (bench/review_age_ads.py), with twins of other wording
    (
        "sv",
        "Rollen är gjord för dig som vill starta karriären direkt efter gymnasiet.",
        "direkt efter gymnasiet",
        "age",
    ),
    (
        "sv",
        "Har du gått vårdprogrammet kan du få jobb direkt efter gymnasiet.",
        "jobb direkt efter gymnasiet",
        "age",
    ),
    (
        "sv",
        "Vi vill gärna nå dig som är nykläckt från ekonomiprogrammet.",
        "nykläckt från ekonomiprogrammet",
        "age",
    ),
    ("sv", "Passar dig som är nybakad från högskolan.", "nybakad från högskolan", "age"),
    (
        "sv",
        "Vi vill ha någon från TikTok-generationen som förstår formatet.",
        "någon från TikTok-generationen",
        "age",
    ),
    ("sv", "Du tillhör Instagram-generationen.", "Du tillhör Instagram-generationen", "age"),
    ("sv", "Modebutik söker säljare runt 20 år", "säljare runt 20 år", "age"),
    ("sv", "Vi söker en medarbetare kring 30 år till kontoret.", "medarbetare kring 30 år", "age"),
    (
        "sv",
        "Vi söker nu deltagare som är unga vuxna 18–29 år och som vill pröva på jobb.",
        "söker nu deltagare som är unga vuxna 18–29 år",
        "age",
    ),
    (
        "sv",
        "Tjänsten passar dig som har avslutat gymnasiet de senaste åren.",
        "avslutat gymnasiet de senaste åren",
        "age",
    ),
    (
        "sv",
        "Du har en masterexamen i finans eller ekonomi, tagen under de senaste två åren.",
        "tagen under de senaste två åren",
        "age",
    ),
    ("sv", "Extrajobb i butik – går du sista året på gymnasiet?", "går du sista året på gymnasiet", "age"),
    ("sv", "Du har inte fyllt 25 år och har gärna spelat golf.", "inte fyllt 25 år", "age"),
    (
        "en",
        "We are looking for candidates who are 2-5 years out of university.",
        "2-5 years out of university",
        "age",
    ),
    (
        "en",
        "Ideal for someone less than three years out of college.",
        "less than three years out of college",
        "age",
    ),
    ("en", "You have not yet turned 30.", "not yet turned 30", "age"),
    # the fifth written set's tune half, as phrase families (none of these is a row's sentence): older or
    # mature wanted by any verb of wanting, life experience, a career behind, grey hair, middle or pension age
    ("sv", "Vi önskar oss en mogen medarbetare till receptionen.", "önskar oss en mogen medarbetare", "age"),
    ("sv", "Vi tror att du är en stabil och mogen säljare.", "du är en stabil och mogen", "age"),
    (
        "sv",
        "Du har sett en hel del i livet och låter dig inte stressas.",
        "har sett en hel del i livet",
        "age",
    ),
    ("sv", "Vi ser helst att du är något äldre.", "att du är något äldre", "age"),
    (
        "sv",
        "Yrkeslivet ligger redan bakom dig men du vill göra nytta.",
        "Yrkeslivet ligger redan bakom dig",
        "age",
    ),
    ("sv", "Har du grått i tinningarna är du extra välkommen.", "grått i tinningarna", "age"),
    ("sv", "Du har vuxna barn och tid över.", "Du har vuxna barn", "age"),
    ("sv", "Du är i övre medelåldern.", "Du är i övre medelåldern", "age"),
    ("sv", "Perfekt för dig som har gått i pension.", "dig som har gått i pension", "age"),
    ("sv", "Du är på väg mot pensionen men vill fortsätta jobba.", "på väg mot pensionen", "age"),
    # a young team said predicatively, "junior i själen", the staff all of one age
    ("sv", "Gänget är ungt och vi hittar på mycket efter jobbet.", "Gänget är ungt", "age"),
    ("sv", "Vi söker någon som är junior i sinnet och vill lära.", "junior i sinnet", "age"),
    ("sv", "Vi är tolv på kontoret, de flesta runt 30.", "de flesta runt 30", "age"),
    # hedged or guessed ages of the reader
    ("sv", "Du är ungefär mellan 20 och 30 och gillar sälj.", "är ungefär mellan 20 och 30", "age"),
    ("sv", "Du är runt de 30.", "Du är runt de 30", "age"),
    ("sv", "Du är förmodligen 20 eller så och vill tjäna pengar.", "Du är förmodligen 20", "age"),
    ("sv", "Du ska ha fyllt 20 men inte 30.", "fyllt 20 men inte 30", "age"),
    ("sv", "Vi ser gärna sökande över 50.", "sökande över 50", "age"),
    ("sv", "Krav: en ålder som inte överstiger 40 år.", "ålder som inte överstiger 40 år", "age"),
    # the applicant matched to the customers' or the team's age (age.samma_alder, age.same_age_as)
    (
        "sv",
        "Kunderna är pensionärer och vi vill ha en säljare i samma ålder.",
        "säljare i samma ålder",
        "age",
    ),
    (
        "sv",
        "Våra gäster är unga och vi söker personal som är lika gammal som dem.",
        "lika gammal som dem",
        "age",
    ),
    ("sv", "Vi vill att du inte är mycket yngre än kunderna.", "inte är mycket yngre än kunderna", "age"),
    (
        "en",
        "Our customers are teenagers, so we want staff close in age to them.",
        "close in age to them",
        "age",
    ),
    ("en", "Ideally you are the same age as our customers.", "the same age as our customers", "age"),
    ("en", "You are not much older than our players.", "not much older than our players", "age"),
    # school recent, the start of adult life
    ("sv", "Du har studierna i färskt minne och vill ut i arbetslivet.", "studierna i färskt minne", "age"),
    (
        "sv",
        "Du står på tröskeln till vuxenlivet och vill pröva på.",
        "Du står på tröskeln till vuxenlivet",
        "age",
    ),
    # English: a retiree in the singular or with an adjective, age caps said with "age", older of the reader
    ("en", "Perfect role for a retiree who likes people.", "Perfect role for a retiree", "age"),
    ("en", "Perfect for an active pensioner.", "Perfect for an active pensioner", "age"),
    ("en", "We welcome retirees to apply.", "welcome retirees", "age"),
    ("en", "Great for recently retired professionals.", "for recently retired", "age"),
    ("en", "Requirements: an age not exceeding 40.", "an age not exceeding 40", "age"),
    ("en", "The ideal candidate is 25-35.", "candidate is 25-35", "age"),
    ("en", "Our crew is pretty young and loves a challenge.", "Our crew is pretty young", "age"),
    ("en", "We'd like someone a bit older for this role.", "someone a bit older", "age"),
    ("en", "You have seen a fair bit of life.", "seen a fair bit of life", "age"),
    # stop 36: kinds of age-coding the lexicon lacked (written from the guidance, not from ads): birth cohorts,
    # a first employment, new graduates in other words, "stadgad", young people hired, in their inflections
    ("sv", "Vi söker dig som är född 95 eller senare.", "född 95 eller senare", "age"),
    ("sv", "Vi söker sökande ur årskullarna 2004-2006.", "årskullarna 2004-2006", "age"),
    ("sv", "Sommarjobb för 16-19-åringar i vår butik.", "Sommarjobb för 16-19-åringar", "age"),
    ("sv", "Vi anställer 17-åringar till helgjobb.", "anställer 17-åringar", "age"),
    ("sv", "Åldersgräns på 30 år gäller för tjänsten.", "Åldersgräns på 30 år", "age"),
    ("sv", "Det här kan bli din första anställning.", "din första anställning", "age"),
    ("sv", "Ta chansen till ditt första heltidsjobb!", "ditt första heltidsjobb", "age"),
    ("sv", "Perfekt som ditt första sommarjobb.", "ditt första sommarjobb", "age"),
    ("sv", "Vi söker nybakade civilekonomer.", "nybakade civilekonomer", "age"),
    ("sv", "Vi söker en nykläckt webbutvecklare.", "nykläckt webbutvecklare", "age"),
    ("sv", "Är du nybliven sjuksköterska?", "nybliven sjuksköterska", "age"),
    ("sv", "Vi söker nyblivna ingenjörer.", "nyblivna ingenjörer", "age"),
    ("sv", "Har du examen i handen och vill börja jobba?", "examen i handen", "age"),
    ("sv", "Du har en nytagen examen inom ekonomi.", "nytagen examen", "age"),
    ("sv", "Du har ett ungt sinne och gillar förändring.", "ungt sinne", "age"),
    ("sv", "Du är stadgad och ansvarsfull.", "Du är stadgad", "age"),
    ("sv", "Vi söker en stadgad person till vår reception.", "stadgad person", "age"),
    ("sv", "Stadgad man sökes till gården.", "Stadgad man", "age"),
    ("sv", "Du är en lugn och stadgad kollega.", "Du är en lugn och stadgad", "age"),
    ("sv", "Vi söker unga personer till lagret.", "söker unga personer", "age"),
    ("sv", "Vi anställer nu två unga killar till flytthjälpen.", "anställer nu två unga killar", "age"),
    ("en", "We are looking for freshers with a passion for sales.", "freshers", "age"),
    ("en", "Freshers welcome!", "Freshers", "age"),
    ("en", "This could be your first full-time job.", "your first full-time job", "age"),
    ("sv", "Medelåldern på kontoret är låg och stämningen hög.", "Medelåldern på kontoret är låg", "age"),
    ("sv", "Snittåldern i teamet ligger lågt.", "Snittåldern i teamet ligger lågt", "age"),
    ("en", "First-time job seekers are welcome to apply.", "First-time job seekers", "age"),
    # stop 37: kinds from the guidance no labelled tune ad shows (fictional sentences)
    ("sv", "Passar dig som vill trappa ner inför pensionen.", "dig som vill trappa ner", "age"),
    ("sv", "Ett perfekt extrajobb för dig som vill komplettera pensionen.", "komplettera pensionen", "age"),
    ("sv", "Du som har gått i pension men vill fortsätta jobba.", "Du som har gått i pension", "age"),
    (
        "sv",
        "Har du bara ett par år kvar till pensionen?",
        "Har du bara ett par år kvar till pensionen",
        "age",
    ),
    ("sv", "Vill du avsluta din karriär hos oss?", "avsluta din karriär hos oss", "age"),
    ("en", "A great way to supplement your pension.", "supplement your pension", "age"),
    ("en", "Ideal if you are looking to wind down.", "looking to wind down", "age"),
    ("en", "Have you recently retired? Join us.", "you recently retired", "age"),
    ("en", "You are a few years away from retirement.", "You are a few years away from retirement", "age"),
    ("sv", "Överkvalificerade sökande undanbedes.", "Överkvalificerade sökande", "age"),
    ("sv", "Du får inte vara överkvalificerad för rollen.", "inte vara överkvalificerad", "age"),
    ("en", "Overqualified applicants will not be considered.", "Overqualified applicants", "age"),
    ("en", "You are not overqualified for an entry role.", "not overqualified", "age"),
    ("sv", "Passar dig som vill ta steget ut i arbetslivet.", "ta steget ut i arbetslivet", "age"),
    ("sv", "Vill du ta steget från skolbänken till arbetslivet?", "från skolbänken till arbetslivet", "age"),
    ("sv", "Du kommer direkt från högskolan med nya idéer.", "kommer direkt från högskolan", "age"),
    ("sv", "Du har livet framför dig och vill testa på säljyrket.", "livet framför dig", "age"),
    ("sv", "Vi söker årets studenter till sommarens säsong.", "årets studenter", "age"),
    ("sv", "Du är född in i den digitala världen.", "född in i den digitala världen", "age"),
    (
        "en",
        "You are just starting out in your working life.",
        "just starting out in your working life",
        "age",
    ),
    ("en", "You have your whole career ahead of you.", "whole career ahead of you", "age"),
    (
        "en",
        "Make the step from university into the workplace.",
        "step from university into the workplace",
        "age",
    ),
    ("en", "Perfect for sixth formers looking for weekend work.", "sixth formers", "age"),
    ("en", "Perfect for high school students.", "Perfect for high school students", "age"),
    ("en", "This year's graduates are encouraged to apply.", "This year's graduates", "age"),
    ("en", "You grew up online and live on TikTok.", "grew up online", "age"),
    ("sv", "Du har mindre än två års erfarenhet av försäljning.", "mindre än två års erfarenhet", "age"),
    ("sv", "Du har mellan 0 och 2 års erfarenhet.", "mellan 0 och 2 års erfarenhet", "age"),
    ("en", "You have less than 2 years of experience.", "less than 2 years of experience", "age"),
    ("en", "Between 0 and 2 years of experience.", "Between 0 and 2 years of experience", "age"),
    ("sv", "Åldersgrupp: 18-25.", "Åldersgrupp: 18-25", "age"),
    ("en", "Ideal for under-25s.", "under-25s", "age"),
    ("sv", "Du har många år kvar i arbetslivet.", "många år kvar i arbetslivet", "age"),
    (
        "sv",
        "Vi söker någon med många yrkesverksamma år framför sig.",
        "många yrkesverksamma år framför sig",
        "age",
    ),
    ("en", "You have many working years ahead of you.", "many working years ahead of you", "age"),
    ("en", "You have many years left in your career.", "many years left in your career", "age"),
    ("sv", "Du har precis fått din gymnasieexamen.", "precis fått din gymnasieexamen", "age"),
    ("en", "Recent high school graduates are encouraged to apply.", "Recent high school graduates", "age"),
    ("en", "You just got your high school diploma.", "just got your high school diploma", "age"),
    ("sv", "Rollen passar dig som är i starten av ditt yrkesliv.", "i starten av ditt yrkesliv", "age"),
    ("sv", "Du är nybörjare i arbetslivet.", "nybörjare i arbetslivet", "age"),
    ("sv", "Du med lite fler år på nacken är välkommen.", "fler år på nacken", "age"),
    ("sv", "Är du grön bakom öronen? Inga problem!", "grön bakom öronen", "age"),
    ("sv", "Vi söker en gammal räv inom försäljning.", "gammal räv", "age"),
    ("en", "Still wet behind the ears? That's fine.", "wet behind the ears", "age"),
    ("en", "You are no spring chicken and know the trade.", "no spring chicken", "age"),
    ("en", "You may be a bit long in the tooth, and that is welcome.", "long in the tooth", "age"),
    ("sv", "Du är i 20-30 årsåldern.", "i 20-30 årsåldern", "age"),
    ("sv", "Du är i 25 års åldern.", "i 25 års åldern", "age"),
    ("sv", "Tjänsten passar dig som är 20-nånting.", "20-nånting", "age"),
    ("sv", "Du har fyllt 65 och vill jobba extra.", "Du har fyllt 65", "age"),
    ("sv", "Vi söker en tjej i 20-årsåldern.", "i 20-årsåldern", "age"),
    ("en", "You must be 16 but not yet 20.", "not yet 20", "age"),
    ("en", "Ideal for someone aged 50 plus.", "aged 50 plus", "age"),
    # beside the guards of stop 37's last round: the reader's age, career and life experience still flagged
    ("sv", "Vi söker dig i åldern 20-30 år.", "i åldern 20-30 år", "age"),
    ("sv", "Vi har många kunder och söker dig i åldern 20-30 år.", "i åldern 20-30 år", "age"),
    ("sv", "Kunderna gillar dig i åldern 20-30 år.", "20-30 år", "age"),
    ("en", "You are aged 20-30.", "aged 20-30", "age"),
    ("sv", "Du har hela karriären framför dig.", "hela karriären framför dig", "age"),
    ("sv", "Du har karriären bakom dig.", "har karriären bakom dig", "age"),
    ("sv", "Vi söker kollegor med lång livserfarenhet.", "med lång livserfarenhet", "age"),
    ("sv", "Du har livserfarenhet och tålamod.", "har livserfarenhet", "age"),
    ("sv", "Vi söker yngre kundtjänstmedarbetare.", "yngre", "age"),
    ("en", "We want younger staff.", "younger", "age"),
    ("sv", "En pigg pensionär vore perfekt för uppdraget.", "pigg", "age"),
    ("sv", "Vi söker en yngre medlem till vårt team.", "yngre", "age"),
    ("en", "We are hiring gap-year students for the season.", "gap-year", "age"),
    # stop 40: kinds of age-coding from the sixth written set's tune half, in sentences of my own (fictional)
    ("sv", "Du är uppvuxen med mobilen i handen.", "uppvuxen med mobilen", "age"),
    (
        "sv",
        "Du har aldrig levt i en värld utan smartphones.",
        "aldrig levt i en värld utan smartphones",
        "age",
    ),
    ("sv", "Du som har växt upp med TikTok förstår våra följare.", "växt upp med TikTok", "age"),
    ("en", "You grew up with Instagram and speak its language.", "grew up with Instagram", "age"),
    ("en", "Having grown up with smartphones, you know how users think.", "grown up with smartphones", "age"),
    (
        "en",
        "You have never known a world without the internet.",
        "never known a world without the internet",
        "age",
    ),
    ("sv", "Du blir en del av ett moget gäng i övre medelåldern.", "ett moget gäng", "age"),
    ("sv", "Vi är ett gäng medelålders kollegor som söker en ny säljare.", "medelålders kollegor", "age"),
    ("sv", "Du kommer till en arbetsgrupp i medelåldern.", "arbetsgrupp i medelåldern", "age"),
    (
        "sv",
        "Som ett led i föryngringen av vår personal söker vi nu säljare.",
        "föryngringen av vår personal",
        "age",
    ),
    ("sv", "Vi vill föryngra butikens säljkår.", "föryngra butikens säljkår", "age"),
    ("en", "We want to rejuvenate our sales team.", "rejuvenate our sales team", "age"),
    ("en", "The aim is to rejuvenate the workforce.", "rejuvenate the workforce", "age"),
    ("en", "We would love to hear from a retiree with time to spare.", "hear from a retiree", "age"),
    (
        "en",
        "Retirees are especially encouraged to apply.",
        "Retirees are especially encouraged to apply",
        "age",
    ),
    ("sv", "Pensionärer uppmuntras att söka tjänsten.", "Pensionärer uppmuntras att söka", "age"),
    ("sv", "Vi söker dig i åldersspannet 20-30.", "åldersspannet 20-30", "age"),
    ("sv", "Åldersintervall: 25-35 år.", "Åldersintervall: 25-35", "age"),
    ("en", "You are 20-30 years of age.", "20-30 years of age", "age"),
    ("en", "Ideal candidates are 25 to 35 years of age.", "25 to 35 years of age", "age"),
    ("sv", "Tjänsten passar dig som precis flyttat hemifrån.", "precis flyttat hemifrån", "age"),
    ("en", "Perfect if you have just left home and want your own income.", "just left home", "age"),
    ("sv", "Du har en ungdomlig stil och känsla för trender.", "ungdomlig", "age"),
    ("en", "You have a youthful voice that suits our readers.", "youthful", "age"),
    ("sv", "Lägsta ålder 25 år.", "ålder 25 år", "age"),
    ("sv", "Sommarjobbet vänder sig till dig mellan 16 och 19 år.", "mellan 16 och 19 år", "age"),
]

NEUTRAL = [
    # a bug hunt (h2): "man" the pronoun, and a sex that is no demand
    ("sv", "Du är en person man kan räkna med."),
    ("sv", "Här får man gärna ta egna initiativ."),
    ("sv", "Vi söker en noggrann person till kassan."),
    ("sv", "Kön och ålder spelar ingen roll."),
    ("en", "Ideally a manager with retail background."),
    # a bug hunt (h2): the words of the exclusion rules, excluding nobody
    ("sv", "Vi undanber oss kontakt med annonsförsäljare."),
    ("sv", "Rekryteringsföretag undanbedes."),
    ("sv", "Inga förkunskaper krävs."),
    ("en", "No prior experience needed."),
    ("sv", "Vi tar för givet att du kan Excel."),
    ("sv", "Gästerna tar för sig av buffén."),
    # stop 36: a prize's winners, a home without children described, a thing's qualities
    ("sv", "Vinnarna av årets pris presenteras i maj."),
    ("sv", "I hemmet finns inga barn, och arbetet sker dagtid."),
    ("sv", "Vi bygger kraftfulla e-handelslösningar."),
    # a start in a career that is not the applicant's first, or no start at all
    (
        "sv",
        "Oavsett om du är erfaren eller ska ta ditt första steg i karriären får du en bra start på karriären hos oss.",
    ),
    ("sv", "Vi erbjuder en bra start på dagen med frukost."),
    ("en", "Whether you are experienced or not, this is a great start to your career with us."),
    ("sv", "Komvux erbjuder vuxenutbildning för 1 500 studerande i åldrarna 20 till 65 år."),
    ("sv", "Vi söker en boendestödjare som hjälper de unga att klara vardagen."),
    ("sv", "Vår målgrupp är främst unga mellan 15 och 25 år."),
    ("sv", "Vår profil är ungdomlig och lekfull med färgstarka material."),
    ("en", "Due to our insurance policy, drivers must be at least 21 years old."),
    ("en", "You will coordinate our graduate scheme and intern programme."),
    # stop 26: young clients, youths supervised, students met at fairs
    ("sv", "Ungdomsmottagningen tar emot unga mellan 13 och 25 år."),
    ("sv", "Du har gärna erfarenhet av arbete med unga."),
    ("sv", "Vi arbetar med unga vuxna i utanförskap."),
    ("sv", "Skolan har 400 gymnasieelever i Malmö."),
    ("sv", "Handledare till sommarens feriepraktik"),
    ("sv", "Du leder grupper av ungdomar 15-17 år i feriepraktik."),
    ("sv", "Du driver vår närvaro på mässor där vi möter studenter och nyexaminerade ingenjörer."),
    ("sv", "Vi har nyligen gått ut med en ny tjänst till våra kunder."),  # announced, not left school
    ("sv", "Vår vd har nyligen gått ut i pension."),
    ("sv", "Utbildningen är högst tre år lång."),
    # a postdoc's statutory limit, said without "doktorsexamen" in the sentence (a real check-half ad's
    # wording, found by the flag diff over all ads)
    ("sv", "Främst kommer den sökande i fråga som avlagt examen högst tre år före sista ansökningsdag."),
    ("en", "Our app helps users take their first steps in coding."),
    ("sv", "Vi söker en handledare för killgrupper."),
    ("en", "You will be a man or woman with drive."),
    ("en", "You will be a key member of the team."),
    ("sv", "Tjänsten passar en man eller en kvinna."),
    ("sv", "Vi hjälper dig till ditt första jobb i Sverige."),  # newly arrived, any age
    ("sv", "Vi hjälper dig till din första anställning i Sverige."),
    ("en", "Postman\nJSON\nDocker"),  # a tool, not a postman
    ("en", "We are hiring a waiter/waitress for the summer."),  # the pair is inclusive
    ("en", "Our founder, a former salesman, opened the shop in 1990."),
    ("en", "He or she will report to the head chef."),
    ("en", "You will report to our director; he will be your mentor."),
    ("en", "Our client is a gentleman who needs help at home."),
    ("sv", "Vi söker en servitör/servitris till vårt kafé."),
    ("sv", "Vi söker en visningsvärd/-värdinna till museet."),
    ("sv", "Han eller hon ska ha körkort."),
    ("sv", "Du rapporterar till vår vd och han/hon ska stötta dig."),
    ("sv", "Vi söker en tjej eller kille till butiken."),
    ("sv", "Du är minst 18 år och har körkort."),
    ("sv", "Du är tillgänglig 20-25 timmar i veckan."),
    ("sv", "Du är mellan 20-30 procent av tiden på resande fot."),
    ("en", "Whether you are an experienced engineer or a recent graduate, you will grow here."),
    ("en", "Whether you're early in your career or an experienced professional, you learn with us."),
    ("en", "Our stores are spaces built for energetic cultural exchange."),
    ("sv", "Är du student och vill arbeta extra vid sidan av studierna?"),
    ("sv", "Du har en färsk blick på processerna."),
    ("sv", "Examen ska vara avlagd senast vid anställningens start."),
    ("en", "She graduated from the programme we run for customers."),
    ("en", "Our people uphold an energetic, open and inclusive workplace."),
    ("en", "We are based in an energetic city by the sea."),
    # weak trait words about the staff there now, not the applicant (real ads: both flags were false)
    ("en", "We are a leading school group with a diverse and energetic staff."),
    ("sv", "Vårt arbetslag består av pigga och kreativa pedagoger."),
    ("sv", "Vi är ett energiskt team på ett piggt kontor."),
    ("sv", "Vi är över 20 år i branschen."),
    # real Swedish ads (a new user's bug hunt): the company's years and age, an audience, a school, the
    # colleagues the job mentors, the young people it serves
    ("sv", "Vi har under 60 år försett fordons- och byggbranschen med produkter."),
    ("sv", "Trots sin unga ålder har bolaget redan åstadkommit stordåd."),
    ("sv", "Vi hjälper varumärken som vill nå en ung och attraktiv målgrupp."),
    ("sv", "Du får driva och forma en ung skola."),
    ("sv", "Du får en mentorsroll för yngre kollegor."),
    ("sv", "Du vill påverka unga i Järva."),
    ("sv", "Du har ett hjärta för unga i behov av stöd."),
    # real English postings (SkillSpan train): a young programme, a cap on publications
    ("en", "Tree of Life is a relatively young programme at the institute."),
    ("en", "Publications to be considered in the assessment (max 10)."),
    # the mother tongue as a school subject, and what colleagues speak (real Swedish ads, a bug hunt)
    ("sv", "Utöver dessa ämnen vill vi att du kan undervisa i albanska som modersmål."),
    ("sv", "Flera medarbetare har inte svenska som modersmål och talar helst engelska."),
    # gender-coded stems in names, tools and task words (real English ads, a bug hunt)
    ("en", "You secure endpoints with Microsoft Defender."),
    ("en", "You advise on Intellectual Property matters."),
    ("en", "We run competency-based interviews."),
    ("en", "You maintain the SQL logic of our reports."),
    ("en", "You use protocol analyzers in the lab."),
    ("en", "You improve the supportability of the platform."),
    ("en", "You build battle royale games."),
    # the graduates the team mentors, coaches or trains (a real English ad's lead role)
    ("en", "Our reputation enables us to mentor new graduates and deliver solutions."),
    ("en", "You will coach junior engineers and onboard new graduates."),
    ("sv", "Som sociala medier-ansvarig har du ansvar för våra kanaler."),
    ("sv", "Vi tar socialt ansvar och samarbetar med skolor."),
    ("sv", "Du ansvarar för analys av räckvidd och engagemang."),
    ("sv", "Du ger stöd till kollegor och stöttar supporten."),
    ("sv", "Du har förståelse för webbarkitektur."),
    ("sv", "Du möter unga människor och unga vuxna."),
    ("sv", "En arbetsplats med trevliga kollegor."),
    ("sv", "Varmt välkommen med din ansökan!"),
    ("sv", "Du driver vårt Instagramkonto och leder teamet."),
    ("sv", "Du mäter resultat i Google Analytics."),
    ("sv", "Du har några års erfarenhet av HR-arbete."),
    ("sv", "Du har tystnadsplikt."),
    ("en", "We are data-driven and collaborate with designers."),
    ("en", "You are responsible for customer support and the analysis of requirements."),
    ("en", "An understanding of web architecture and the competencies to review code."),
    ("en", "We warmly welcome applications. Feel free to contact us."),
    ("en", "A competitive salary and share options."),
    ("en", "You run reading groups for young people."),
    ("en", "You lead a team of eight."),
    ("en", "Share this job on LinkedIn."),
    ("en", "You will work together with local schools."),
    ("en", "What kind of content works on TikTok?"),
    # age words that describe clients, pupils, patients, products or the company (issue #11)
    ("sv", "Du arbetar på ett äldreboende."),
    ("sv", "Du undervisar barn i åldern 6-9 år."),
    ("sv", "Företaget grundades för 30 år sedan."),
    ("sv", "Vi stöttar barn och unga med funktionsvariation."),
    ("sv", "Erfarenhet av arbete med barn och unga är meriterande."),
    ("sv", "Nytida ger stöd till barn, unga och vuxna."),
    ("sv", "Du blir personlig assistent till en 23-årig tjej."),
    ("sv", "Oavsett om du är nyexaminerad eller gammal i gamet är du välkommen."),
    ("sv", "Är du nyutexaminerad förskollärare får du en mentor."),
    ("sv", "Vi söker både tjejer och killar."),
    ("sv", "Vi har en blandning av seniora och yngre medarbetare."),
    ("sv", "Du arbetar mellan 18 och 25 timmar i veckan."),
    ("sv", "Du undervisar elever som går på gymnasiet."),
    ("sv", "Villa Iris är ett HVB för tjejer i åldern 13-17 år."),
    ("sv", "Verksamheten vänder sig till kvinnor och män, unga som äldre."),
    ("en", "You teach young learners aged 6 to 9."),
    ("en", "We welcome applicants of all ages, whether a recent graduate or experienced."),
    ("en", "You support children and young people with autism."),
    # counter-examples of the breadth rules: legal minimum ages, the company's age, names, clients
    ("sv", "Du måste vara minst 18 år gammal."),
    ("sv", "Du ska ha fyllt 18 år."),
    ("sv", "Verksamheten är 30 år gammal."),
    ("sv", "Skolan byggdes på 1980-talet."),
    ("sv", "Ung Företagsamhet samarbetar med skolan."),
    ("sv", "Du arbetar på ungdomsmottagningen."),
    ("sv", "Vi hjälper unga företag att växa."),
    ("sv", "Eleverna är 19-åringar som läser sitt sista år."),
    ("sv", "Elevernas medelålder är 17 år."),
    ("sv", "Utbildning efter gymnasiet krävs."),
    ("sv", "Du blir personlig assistent till en äldre man."),
    ("sv", "Vi söker en undersköterska till en äldre och sjuk dam."),
    ("sv", "Passar bra för dig som studerar eller har annan sysselsättning."),
    ("sv", "Fritidsgården har öppet för unga mellan 12 och 17 år."),
    ("sv", "Med anledning av Arbetsmiljölagen ska du ha fyllt 16 år och gått ut nian."),
    ("sv", "Tidningen har en ung läsekrets."),
    ("sv", "Butiken har ett ungdomligt sortiment med streetwear."),
    ("en", "Our company is young, but our founders have decades of experience."),
    ("sv", "Du har minst 30 år i yrket bakom dig."),
    ("en", "You will support young people aged 16–24 who are not in education."),
    ("en", "Our client is a gentleman in his 70s who needs help with shopping."),
    ("en", "The youth centre is open to anyone aged 11 to 18."),
    ("sv", "Du är mogen i din yrkesroll."),
    ("sv", "Ålder spelar ingen roll, pensionärer välkomna!"),
    ("sv", "Garantin är upp till 10 år."),
    ("en", "The company is 30 years old."),
    ("en", "You help mature our data platform."),
    ("en", "The clinic serves patients over the age of 65."),
    ("sv", "Du har en examen inom ekonomi och några års erfarenhet."),
    ("sv", "Vi har vuxit mycket de senaste åren."),
    ("sv", "Främst bör den komma ifråga som har avlagt doktorsexamen för högst tre år sedan."),
    ("sv", "Passar dig som studerar och vill jobba extra."),
    ("sv", "Vänligen skicka din ansökan via länken."),
    ("sv", "Vi har samlat landets mest drivna unga entreprenörer i ett community."),
    ("en", "YEoS - Young Entrepreneurs of Sweden - is a network."),
    ("sv", "Du är mellan 20 och 30 timmar i veckan på plats."),
    ("sv", "Vi har mellan 20 och 30 anställda."),
    ("sv", "Du forskar inom artificiell intelligens och autonoma system."),
    ("sv", "Du blir en del av vårt Analytics-team."),
    ("sv", "Vi söker en stödassistent till vår LSS-verksamhet."),
    ("en", "You build software for autonomous vehicles."),
    ("sv", "Du har erfarenhet av Business Intelligence och Power BI."),
    ("en", "Our first job is to listen to the customer."),
    ("en", "We want a team that is open to all genders."),
    ("sv", "Vi söker kontaktperson till pojke, 12 år."),
    ("sv", "Vi söker en stödfamilj för en flicka i 10-årsåldern."),
    ("sv", "Söker assistenter till kvinna i Huddinge."),
    ("sv", "Doktorsexamen avlagd tidigast 2021."),
    ("sv", "Vi har 0-2 anställda i varje butik."),
    ("sv", "Oavsett om du är en erfaren ledare eller ska ta ditt första steg ut i karriären hjälper vi dig."),
    ("sv", "Vi erbjuder barn och unga feriearbete."),
    # stop 25: ages of clients, benefits and target groups
    ("sv", "Du håller i läger för konfirmander i 15-årsåldern."),
    ("sv", "Tidningen riktar sig till unga mellan 18 och 25 år."),
    ("sv", "Du får en extra semestervecka från 50 års ålder."),
    ("sv", "Vi hjälper fler unga att hitta jobb och studier."),
    ("sv", "Resenärerna har en medelålder på 70 år."),
    ("en", "Our typical guest is aged 60 or over."),
    ("en", "A young company founded in 2021 in Lund."),
    ("en", "You will study how Gen Z shoppers choose brands."),
    ("en", "Our products are loved by millennial parents."),
    # stop 31: the applicant runs the scheme; a teenager is the client
    ("en", "We are looking for a coordinator to run our graduate scheme."),
    ("en", "Early Careers Recruitment Coordinator"),
    ("en", "You will lead our early careers attraction and selection."),
    ("sv", "Eleverna har livserfarenheter som är ovanliga för en tonåring."),
    ("en", "Our graduate scheme is open to applicants at any stage of their career."),
    # a bug hunt: "kraft" compounds of an energy company name electric power, not a trait
    ("sv", "Bolaget äger kraftstationer och satsar på ny kraftproduktion."),
    ("sv", "Du arbetar med kraftnät, kraftledningar och kraftelektronik i våra kraftsystem."),
    ("sv", "Vi växer kraftigt och har haft en kraftig tillväxt de senaste åren."),
    ("sv", "Vi levererar till kraftproducenter och kraftbolag i hela landet."),
    ("sv", "Kraftförsörjningen är viktig för hela kraftindustrin."),
    # a bug hunt: the ages of the people the job serves, in English as in Swedish
    ("en", "You will work with young people aged 16 to 20 in our youth club."),
    ("en", "You will coach teenagers aged 15 to 17 at the sports centre."),
    ("en", "The drop-in café welcomes youths aged 16 to 21 after school."),
    ("en", "Our residents are aged 60 to 69 and live in their own flats."),
    ("en", "Participants are aged 18 to 29 and looking for work."),
    ("en", "You will teach learners aged 16 to 19 in the evening programme."),
    ("en", "Our tenants are aged 18-25 and new to renting."),
    # a bug hunt: "mature" about a product, a market or a process says nothing of age
    ("en", "Our mature SaaS product serves two thousand customers."),
    ("en", "We have mature processes and a mature codebase."),
    ("en", "Join a mature organisation in a mature market."),
    ("en", "You will help the platform mature over the coming year."),
    ("en", "You will work in a mature, professional services firm."),
    # the fourth written set's tune half: youth work as the job's subject, a mixed-age staff, a founder's age
    ("sv", "Ungdomsgården Kvarnen är en mötesplats för unga 13–17 år i Sjöhaga."),
    ("sv", "Hos oss jobbar allt från 22-åringar till kollegor som snart fyller 67, och det är en styrka."),
    ("sv", "Vår grundare Sven startade företaget som 19-åring 1987 med en enda gräsklippare."),
    ("sv", "Vi har funnits i runt 20 år och har fyra butiker."),
    ("sv", "Vi har avslutat fyrtio projekt de senaste åren."),
    ("sv", "Våra kampanjer når TikTok-generationen."),
    ("en", "We have been in business for up to 30 years."),
    # the fifth written set's tune half: ID checks of customers, a staff of every age, performers and genres
    ("sv", "Du kontrollerar legitimation på kunder som ser ut att vara under 25 år."),
    ("sv", "Våra kollegor är mellan 19 och 64 år och vi tycker att blandningen är en styrka."),
    ("sv", "Du kommer att arbeta med unga band och artister på vår scen."),
    ("en", "You will check ID for anyone who looks under 25."),
    ("en", "Our staff range from 19 to 67 and we love the mix."),
    ("en", "We publish young adult fiction for readers aged 12-18."),
    ("en", "The venue hosts young bands every Friday."),
    # the same families' words about clients, products, the company and counts
    ("sv", "Du arbetar med vuxna barn till föräldrar med missbruk."),
    ("sv", "Våra kunder är i övre medelåldern."),
    ("sv", "Vi hjälper personer över 65 med hemtjänst."),
    ("sv", "Du hjälper kunder i pensionsåldern med deras ekonomi."),
    ("sv", "Eleverna är alla runt 15 år."),
    ("sv", "Vi levererar till alla cirka 30 butiker."),
    ("sv", "Vi säljer mogna ostar och lagrade viner."),
    ("sv", "Maskinerna är inte äldre än fem år."),
    ("sv", "Leveranstiden får inte överstiga 30 dagar."),
    ("sv", "Vår grundare har gått i pension och hans dotter driver bolaget."),
    ("en", "Our recently retired CEO founded the firm."),
    ("en", "Clients are typically 25-35 and first-time buyers."),
    ("en", "You will support pensioners with their benefits."),
    # stop 36: the same words about clients, produce, onboarding or a level, and sentences open to every age
    ("sv", "Vi söker dig, ung som gammal!"),
    ("sv", "Ung eller gammal spelar ingen roll."),
    ("sv", "Vi välkomnar sökande oberoende av kön och ålder."),
    ("sv", "Vi är ett team i olika åldrar där yngre lär sig av varandra."),
    ("sv", "Du stöttar unga invånare i kommunen."),
    ("sv", "Under din första tid hos oss får du en introduktion."),
    ("sv", "Din första anställning hos oss är en provanställning."),
    ("sv", "Ditt första sommarjobb blir att lära känna butiken."),
    ("sv", "Din första tjänst blir på vårt kontor i Malmö."),
    ("sv", "Din första arbetsplats blir vårt kontor i Malmö."),
    ("sv", "Vi bakar nybakade kanelbullar varje morgon."),
    ("sv", "Vi säljer färsk fisk och färska grönsaker."),
    ("sv", "Som nybliven medarbetare får du en mentor."),
    ("sv", "Du följer de lagstadgade kraven."),
    ("sv", "Vi arbetar med 15-åringar i skolan."),
    ("sv", "Du står på scen inför en aula full av 17-åringar."),
    ("sv", "Vi söker en handledare till unga personer med funktionsnedsättning."),
    ("sv", "Du måste ha fyllt 18 år enligt alkohollagen."),
    ("en", "Your first job will be to learn our product."),
    ("en", "Freshers' week is a busy time for our campus shop."),
    ("en", "You will run our first-time jobseekers programme."),
    ("sv", "Medelåldern bland våra kunder är låg."),
    ("en", "Freshers and experienced candidates are both welcome."),
    ("en", "Our staff are of different ages and backgrounds, young and old."),
    # stop 37: the same words about someone else, or in another sense
    ("sv", "Du ersätter en kollega som har gått i pension."),
    ("sv", "Vi trappar ner produktionen under sommaren."),
    ("sv", "Du som arbetsledare trappar ned konflikter."),
    ("sv", "Vår medarbetare har två år kvar till pensionen."),
    ("sv", "Du får en tjänstepension som du kan komplettera med löneväxling."),
    ("en", "You replace a colleague who has recently retired."),
    ("en", "We wind down the season in October."),
    ("en", "Our CEO will step down in May."),
    ("en", "We never turn anyone away for being overqualified."),
    ("sv", "Vi hjälper unga att ta steget ut i arbetslivet."),
    ("sv", "Du coachar deltagare som ska ta steget ut på arbetsmarknaden."),
    ("sv", "Du får besked direkt efter intervjun."),
    ("sv", "Du undervisar avgångselever i svenska."),
    ("en", "You will help students make the step from school to work."),
    ("en", "You will teach sixth formers."),
    ("en", "You report directly to the school principal."),
    ("sv", "Under två års tid har vi vuxit kraftigt."),
    ("en", "You will coach our under-21s team."),
    ("sv", "Vi har många års erfarenhet av arbete med unga."),
    ("sv", "Minst ett år kvar av din utbildning."),
    ("sv", "Gymnasieexamen med inriktning mot administration."),
    ("en", "Many years ahead of the market, our product leads."),
    ("sv", "Du undervisar unga mellan 16 och 20 år."),
    ("sv", "Företaget har några år på nacken."),
    ("sv", "Maskinerna har många år på nacken."),
    ("sv", "Du har fyllt 18 år."),
    ("sv", "Vi har 20-30 anställda."),
    ("en", "The site has not yet 20 staff but grows."),
    # clients named two words and an age's words before it ("i åldern", "aged"), a client noun right after
    # the age word, a group of others that has the career or life experience
    ("sv", "Kunderna är i åldern 20-30 år."),
    ("sv", "Våra kunder är oftast i åldern 20-30 år."),
    ("sv", "Eleverna är mellan 16 och 19 år."),
    ("en", "Our customers are mostly aged 20-30."),
    ("en", "You will teach sixth formers and younger pupils."),
    ("sv", "Du arbetar med yngre elever och deras föräldrar."),
    ("en", "The role suits anyone who likes working with young customers and their families."),
    ("sv", "Du blir en del av ett team med hela karriären bakom sig."),
    ("sv", "Teamet har lång livserfarenhet."),
    ("sv", "Du får kollegor med lång livserfarenhet."),
]


UPPER_AGE_LIMITS = [
    # finding 3: an upper age limit in its usual spellings, in a requirements list or a sentence
    ("en", "Requirements:\n- Maximum 30 years old\n- Driving licence", "Maximum 30 years old"),
    ("en", "Maximum age: 35", "Maximum age: 35"),
    ("en", "Max. 30 years old.", "Max. 30 years old"),
    ("en", "Applicants should be at most 30 years of age.", "at most 30 years of age"),
    ("en", "Age limit: 35 years.", "Age limit: 35"),
    ("en", "Upper age limit of 35.", "Upper age limit of 35"),
    ("en", "Requirements:\n- Under 35\n- Driving licence", "Under 35"),
    ("sv", "Krav:\n- Max. 30 år\n- Körkort", "Max. 30 år"),
    ("sv", "Maxålder: 35", "Maxålder: 35"),
    ("sv", "Maxålder 35 år.", "Maxålder 35 år"),
    ("sv", "Högsta ålder 35 år.", "Högsta ålder 35 år"),
]

NOT_AN_AGE_LIMIT = [
    ("en", "Maximum 3 years of experience."),
    ("en", "You must be at least 18 years old."),
    ("en", "Minimum age 18."),
    ("en", "You work up to 35 hours a week."),
    ("en", "Maximum 30 participants per course."),
    ("en", "We work with children up to 18 years old."),
    ("sv", "Högst 3 års erfarenhet."),
    ("sv", "Du är minst 18 år."),
    ("sv", "Maximalt 30 deltagare per kurs."),
    ("sv", "Högst 25 personer i gruppen, max 40 timmar i veckan."),
    ("sv", "En doktorand kan i begränsad omfattning (högst 20 %) undervisa."),
]


@pytest.mark.parametrize(("lang", "text", "span"), UPPER_AGE_LIMITS)
def test_an_upper_age_limit_is_flagged_in_its_usual_spellings(lang: str, text: str, span: str) -> None:
    assert (span, "age") in _flags(lang, text)


@pytest.mark.parametrize(("lang", "text"), NOT_AN_AGE_LIMIT)
def test_experience_caps_minimum_ages_and_counts_are_no_age_limit(lang: str, text: str) -> None:
    layout = segment(text, layout_cues(lang), title="(none)")
    rules = {f.rule for f in find_flags(text, bias_lexicon(lang), layout)}
    assert not rules & {"age.max_ar", "age.under", "age.max_age", "age.years_old", "age.alder_anges"}


NOT_A_TRAIT = [
    # finding 2: a stem inside a company's or a product's name, or a word of another sense
    ("sv", "Du blir anställd hos Logikfabriken och arbetar som konsult.", "Logikfabriken"),
    (
        "sv",
        "LOGIKFABRIKEN\nLogikfabriken är ett konsultbolag. Du blir anställd hos Logikfabriken.",
        "Logikfabriken",
    ),
    (
        "sv",
        "LOGIKFABRIKEN\nLogikfabriken är ett konsultbolag. Du blir anställd hos Logikfabriken.",
        "LOGIKFABRIKEN",
    ),
    ("en", "You handle the reviews we get on Trustpilot and our social media channels.", "Trustpilot"),
    ("sv", "Du har erfarenhet av att möta människor med beroendeproblematik.", "beroendeproblematik"),
    ("sv", "Du har erfarenhet som kan kopplas till beroende och psykisk ohälsa.", "beroende"),
    ("sv", "Du utvärderar metodens känslighet, linearitet och precision.", "känslighet"),
    ("sv", "Du hanterar känsliga personuppgifter varje dag.", "känsliga"),
    ("en", "You assess the sensitivity, specificity and precision of the assay.", "sensitivity"),
    # stop 36, a user's test on real ads: a coded adjective whose head names a thing, a trait owned by someone
    # else, a word of the list that is no trait ("förstås": of course)
    ("sv", "Vi utvecklar kraftfulla metoder för analys av vatten.", "kraftfulla"),
    ("sv", "Du arbetar med LC-HRMS för känslig och tillförlitlig kemisk analys.", "känslig"),
    ("sv", "Integration med avancerade analytiska verktyg och stora analytiska datamängder.", "analytiska"),
    ("sv", "Föreningen är en av Sveriges 24 självständiga HSB-föreningar.", "självständiga"),
    ("sv", "Vår äldreomsorg har fokus på individens självständighet och behov.", "självständighet"),
    ("sv", "Du kan alltid få hjälp av oss förstås!", "förstås"),
    ("sv", "Allt som sker ska vara meningsfullt, förståeligt och utvecklande.", "förståeligt"),
    ("sv", "Verksamheten riktar sig till personer med intellektuell funktionsnedsättning.", "intellektuell"),
    ("sv", "Du bygger ett kraftfullt verktyg för planering.", "kraftfullt"),
    ("en", "You handle sensitive and confidential data every day.", "sensitive"),
    ("en", "You build analytical dashboards and trusted data products.", "analytical"),
]

STILL_A_TRAIT = [
    ("sv", "Driven och självständig, det är du.", "Driven"),
    ("sv", "Profil:\n- Analytisk\n- Noggrann", "Analytisk"),
    ("sv", "Vi söker dig som är: Självständig och noggrann.", "Självständig"),
    ("sv", "Du är lyhörd och känslig för kundens behov.", "känslig"),
    ("en", "Competitive and ambitious, you thrive on targets.", "Competitive"),
    # stop 36: the same words about the person sought, or about the employer (Gaucher et al. coded company text)
    ("sv", "Du är analytisk och har erfarenhet av verktyg som Power BI.", "analytisk"),
    ("sv", "Vi söker en engagerad och drivande Data Steward.", "drivande"),
    ("sv", "Om du är en driven IT-tekniker som vill utvecklas, sök!", "driven"),
    ("sv", "Du hanterar självständigt e-postprogram och kalendrar.", "självständigt"),
    ("sv", "Du är driven, serviceinriktad och kommunikativ.", "driven"),
    ("sv", "Du blir en del av ett modigt bolag.", "modigt"),
    ("sv", "Du trivs i en stödjande miljö.", "stödjande"),
    ("sv", "Vi söker en tävlingsinriktad säljare till vår butik.", "tävlingsinriktad"),
    ("sv", "Du har en riktig vinnarskalle.", "vinnarskalle"),
    ("sv", "Du är orädd och tar egna initiativ.", "orädd"),
    ("sv", "Du har skinn på näsan och tar för dig.", "har skinn på näsan"),
    ("sv", "Du har skinn på näsan och tar för dig.", "tar för dig"),
    # stop 37: Gaucher's lead*, as strength (a user's test); the bare role noun stays unflagged (NOT_A_TRAIT)
    ("sv", "Du är en stark ledare som motiverar teamet.", "stark ledare"),
    ("sv", "Vi söker en stark och tydlig ledare.", "stark och tydlig ledare"),
    ("sv", "Du är en stark, närvarande ledare.", "stark, närvarande ledare"),
    ("en", "We are looking for a young driven software developer.", "driven"),
]


@pytest.mark.parametrize(("lang", "text", "word"), NOT_A_TRAIT)
def test_a_name_or_another_sense_is_no_gender_coded_word(lang: str, text: str, word: str) -> None:
    assert (word, "gender") not in _flags(lang, text)


@pytest.mark.parametrize(("lang", "text", "word"), STILL_A_TRAIT)
def test_a_capitalised_trait_opening_a_sentence_or_an_item_is_flagged(
    lang: str, text: str, word: str
) -> None:
    assert (word, "gender") in _flags(lang, text)


def _flags(lang: str, text: str) -> list[tuple[str, str]]:
    layout = segment(text, layout_cues(lang), title="(none)")
    return [(f.text, f.category) for f in find_flags(text, bias_lexicon(lang), layout)]


@pytest.mark.parametrize(("lang", "text", "span", "category"), FLAGGED)
def test_flagged(lang: str, text: str, span: str, category: str) -> None:
    assert (span, category) in _flags(lang, text)


@pytest.mark.parametrize(("lang", "text"), NEUTRAL)
def test_neutral_wording_gets_no_flag(lang: str, text: str) -> None:
    assert _flags(lang, text) == []


def test_gender_of_the_client_is_no_gender_requirement() -> None:
    # "manlig" is a gender-coded word (its own flag), but the ad does not ask for a man.
    text = "Vi söker assistent till en manlig brukare."
    layout = segment(text, layout_cues("sv"), title="(none)")
    rules = [f.rule for f in find_flags(text, bias_lexicon("sv"), layout)]
    assert "gender.explicit" not in rules and rules


POSITIVE_ACTION = [
    # a bug hunt (h2): 3 of the 5 explicit-gender flags over the real ads' tune half were such sentences,
    # explained as "direkt diskriminering" with "Ta bort könet"
    (
        "sv",
        "Då vi arbetar för en jämnare könsfördelning ser vi gärna kvinnliga sökande till den här tjänsten.",
    ),
    ("sv", "Då vi är en mansdominerad arbetsplats ser vi gärna kvinnliga sökanden."),
    ("sv", "Vi välkomnar särskilt manliga sökande eftersom män är underrepresenterade hos oss."),
    (
        "en",
        "As women are under-represented in our teams, we are looking for female candidates in particular.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), POSITIVE_ACTION)
def test_welcoming_the_under_represented_sex_is_explained_as_positive_action(lang: str, text: str) -> None:
    """Still an explicit gender flag (the labelled real sets count it so), but explained as lawful positive
    action (Diskrimineringslagen 2 kap. 2 § 2), not as discrimination to remove."""
    layout = segment(text, layout_cues(lang), title="(none)")
    (flag,) = [
        f for f in find_flags(text, bias_lexicon(lang), layout) if f.rule.startswith("gender.explicit")
    ]
    charge = "direkt diskriminering" if lang == "sv" else "direct discrimination"
    assert "2 kap. 2 § 2" in flag.source and charge not in flag.explanation.lower()
    plain = (
        "Vi söker en kvinnlig säljare." if lang == "sv" else "We are looking for a female sales assistant."
    )
    layout = segment(plain, layout_cues(lang), title="(none)")
    (other,) = [
        f for f in find_flags(plain, bias_lexicon(lang), layout) if f.rule.startswith("gender.explicit")
    ]
    assert "2 kap. 2 § 2" not in other.source and charge in other.explanation.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Vi söker dig som är ung.",
        "Tjänsten passar dig som är nyutexaminerad.",
        "Krav: svenska som modersmål.",
        "Du talar svenska utan brytning.",
        "Vi söker dig som är etniskt svensk.",
    ],
)
def test_a_swedish_flag_that_speaks_of_discrimination_cites_the_swedish_law(text: str) -> None:
    """A bug hunt (h2): "ung" ("...är åldersdiskriminering") cited a job board's guide only, "nyutexaminerad" a
    US regulation only, a mother-tongue demand a course site and the Norwegian ombud."""
    layout = segment(text, layout_cues("sv"), title="(none)")
    (flag,) = find_flags(text, bias_lexicon("sv"), layout)
    assert flag.source.startswith("Diskrimineringslagen (2008:567)")


def test_longest_span_wins() -> None:
    assert _flags("sv", "Du är ung och energisk.") == [("ung och energisk", "age")]


def test_company_experience_in_about_us_is_not_a_demand() -> None:
    text = "Om oss\nExempelbolaget AB har 30 års erfarenhet av fönster.\n\nKrav\nDu har 3 års erfarenhet av sälj."
    assert _flags("sv", text) == [("3 års erfarenhet", "experience")]


def test_flag_carries_explanation_suggestion_and_source() -> None:
    text = "Du är driven."
    layout = segment(text, layout_cues("sv"), title="(none)")
    (flag,) = find_flags(text, bias_lexicon("sv"), layout)
    assert flag.explanation and flag.source and "motiverad" in flag.suggestion
    assert flag.rule == "gender.masculine:drive"


WORDS = [
    "ung",
    "driven",
    "sociala",
    "medier-ansvarig",
    "unga",
    "gäng",
    "minst",
    "5",
    "års",
    "erfarenhet",
    "och",
    "svenska",
    "som",
    "modersmål",
    "Instagram",
    "trevliga",
    "kollegor",
    "young",
    "digital",
    "native",
    ".",
    "\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from(["sv", "en"]))
def test_flags_point_into_the_text_and_never_overlap_within_a_category(words: list[str], lang: str) -> None:
    # flags of two categories may overlap ("söker en äldre herre": gender and age), two of one never
    text = " ".join(words)
    layout = segment(text, layout_cues(lang))
    flags = find_flags(text, bias_lexicon(lang), layout)
    for f in flags:
        assert text[f.start : f.end] == f.text
    assert [f.start for f in flags] == sorted(f.start for f in flags)
    for category in {f.category for f in flags}:
        for a, b in itertools.pairwise([f for f in flags if f.category == category]):
            assert a.end <= b.start


@pytest.mark.parametrize(("lang", "text", "span", "category"), FLAGGED)
def test_every_flagged_example_opens_its_rules_gate(lang: str, text: str, span: str, category: str) -> None:
    # A rule runs only where its gate opens: a gate given in bias.json must hold for what the rule flags.
    from tests.test_layout import gate_lines

    lexicon = bias_lexicon(lang)
    for rule in lexicon.phrases:
        for m in rule.pattern.finditer(text):
            assert gate_lines(rule.gate, text.lower()), (rule.id, m.group(), rule.gate)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([t for _, t, _, _ in FLAGGED] + [t for _, t in NEUTRAL]), max_size=8))
def test_rules_run_on_their_gate_lines_find_what_the_whole_text_gives(sentences: list[str]) -> None:
    from tests.test_layout import gate_lines

    text = "\n".join(sentences)
    for lang in ("sv", "en"):
        for rule in bias_lexicon(lang).phrases:
            whole = [m.span() for m in rule.pattern.finditer(text)]
            gated = [
                m.span()
                for s, e in gate_lines(rule.gate, text.lower())
                for m in rule.pattern.finditer(text, s, e)
            ]
            assert gated == whole, rule.id


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "ung",
                "aggressiv",
                "support",
                "-",
                " ",
                "2",
                "x",
                "ä",
                "_",
                "supportive",
                "\n",
                "self-",
                "confident",
            ]
        ),
        max_size=20,
    ),
    st.sampled_from(["sv", "en"]),
)
def test_gender_flags_are_those_of_reading_every_word(parts: list[str], lang: str) -> None:
    """The stems' starting points find every flagged word a read of every word finds."""
    from kompetens.review.flags import _WORD, _gender_flags, _next_word

    text = "".join(parts)
    layout = segment(text, layout_cues(lang))
    gender = bias_lexicon(lang).gender
    expected = []
    for m in _WORD.finditer(layout.low):  # the reading of every word, as it was done before
        rule = gender.flag_rule(m.group())
        if rule is None or (rule.not_before and _next_word(text, m.end()) in rule.not_before):
            continue
        unit = layout.unit_at(m.start())
        if unit is None or not unit.boilerplate:
            expected.append((m.start(), m.end(), rule.stem))
    found = [(f.start, f.end, f.rule.split(":", 1)[1]) for f in _gender_flags(text, gender, layout)]
    assert found == expected


SV_FLAGGED = [(text, span) for lang, text, span, _ in FLAGGED if lang == "sv"]


@pytest.mark.parametrize(("text", "span"), SV_FLAGGED)
def test_swedish_typed_without_diacritics_gets_the_same_flags(text: str, span: str) -> None:
    """Each Swedish example, typed without å, ä and ö, is flagged at the same place by the folded lexicon."""
    fold = str.maketrans("åäöÅÄÖ", "aaoAAO")
    plain = text.translate(fold)
    layout = segment(plain, layout_cues("sv"), title="(none)")
    found = [(f.start, f.end, f.category) for f in find_flags(plain, bias_lexicon("sv", folded=True), layout)]
    written = segment(text, layout_cues("sv"), title="(none)")
    expected = [(f.start, f.end, f.category) for f in find_flags(text, bias_lexicon("sv"), written)]
    assert found == expected


def test_the_review_reads_a_swedish_ad_typed_without_diacritics() -> None:
    from kompetens.models import Document
    from kompetens.review.lexicon import written_without_diacritics

    text = "Säljare\n\nVi är ett ungt gäng och du är digital infödd. Du är självständig och söker dig till butik.\n"
    plain = text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
    assert written_without_diacritics(plain, "sv") and not written_without_diacritics(text, "sv")
    assert not written_without_diacritics(plain, "en")
    from kompetens.engine import Engine

    engine = Engine(None)
    doc = Document(source="ad.txt", text=plain, lang="sv", kind="ad")
    flagged = {(f.text, f.category) for f in engine.review(doc).flags}
    assert {("ungt gang", "age"), ("digital infodd", "age"), ("sjalvstandig", "gender")} <= flagged


def test_an_english_paragraph_of_a_swedish_ad_is_read_with_the_english_list() -> None:
    from kompetens.engine import Engine
    from kompetens.models import Document

    text = (
        "Säljare till Exempelbolaget\n\n"
        "Vi söker en engagerad säljare som trivs med att arbeta med kunder och som vill utvecklas med oss. "
        "Du är en del av ett team och har erfarenhet av försäljning.\n\n"
        "About us: We are a fast growing company and we track engagement data for our clients. You will be "
        "competitive and you thrive in a team that is driven by the numbers we share with our partners.\n"
    )
    flags = Engine(None).review(Document(source="ad.txt", text=text, lang="sv", kind="ad")).flags
    gender = {f.text: f.explanation for f in flags if f.category == "gender"}
    assert "engagerad" in gender and gender["engagerad"].startswith("Feminint")  # the Swedish paragraph
    assert "engagement" not in gender  # not the Swedish stem 'engag' in an English word
    assert "competitive" in gender and not gender["competitive"].startswith(("Maskulint", "Feminint"))


@pytest.mark.parametrize(
    ("masculine", "feminine", "verdict"),
    [
        (0, 0, "neutral"),
        (2, 2, "neutral"),
        (2, 0, "masculine-coded"),
        (5, 1, "strongly masculine-coded"),
        (0, 3, "feminine-coded"),
        (1, 5, "strongly feminine-coded"),
    ],
)
def test_gender_coding_is_the_lean_of_the_coded_words(masculine: int, feminine: int, verdict: str) -> None:
    from kompetens.review.flags import Flag, gender_coding

    def flag(coding: str, k: int) -> Flag:
        return Flag("w", k, k + 1, "gender", "", "", "", f"gender.{coding}:w{k}")

    flags = [flag("masculine", k) for k in range(masculine)] + [flag("feminine", k) for k in range(feminine)]
    flags.append(Flag("tjej", 0, 4, "gender", "", "", "", "gender.explicit"))  # a requirement, not a lean
    found = gender_coding(flags)
    assert (found.masculine, found.feminine, found.verdict) == (masculine, feminine, verdict)


def test_the_review_counts_the_lean_of_its_gender_coded_words() -> None:
    from kompetens.engine import Engine
    from kompetens.models import Document

    text = (
        "Säljare\\n\\nDu är självständig, driven och analytisk, och du tävlar gärna om att vinna kunder.\\n"
    )
    review = Engine(None).review(Document(source="ad.txt", text=text, lang="sv", kind="ad"))
    coded = [f for f in review.flags if f.rule.startswith("gender.masculine:")]
    assert review.gender_coding.masculine == len(coded) >= 3
    assert review.gender_coding.verdict.endswith("masculine-coded")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_phrase_rule_has_its_texts_in_every_language(lang: str) -> None:
    """Phrase rules of every language apply to every ad: each says its explanation and suggestion in
    each supported language, and says it in that language."""
    from kompetens.ingest.langdetect import SUPPORTED_LANGS, identify_language

    for rule in bias_lexicon(lang).phrases:
        assert set(rule.texts) == set(SUPPORTED_LANGS), rule.id
        for code, (explanation, suggestion) in rule.texts.items():
            assert explanation and suggestion, (rule.id, code)
            assert identify_language(f"{explanation} {suggestion}") == code, (rule.id, code)


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("en", "Requirements:\n- Max 30\n- Driving licence", "Max 30"),  # a Swedish rule's match
        ("sv", "Krav:\n- Du är en digital native\n- Körkort", "digital native"),  # an English rule's
    ],
)
def test_a_flag_speaks_the_language_of_the_ad(lang: str, text: str, span: str) -> None:
    from kompetens.ingest.langdetect import identify_language

    layout = segment(text, layout_cues(lang), title="(none)")
    (flag,) = [f for f in find_flags(text, bias_lexicon(lang), layout) if f.text == span]
    assert identify_language(f"{flag.explanation} {flag.suggestion}") == lang


def test_a_flag_in_an_english_paragraph_of_a_swedish_ad_speaks_english() -> None:
    from kompetens.engine import Engine
    from kompetens.ingest.langdetect import identify_language
    from kompetens.models import Document

    text = (
        "Säljare till Exempelbolaget\n\n"
        "Vi söker en säljare som trivs med att arbeta med kunder och som vill utvecklas med oss. "
        "Du har erfarenhet av försäljning och körkort.\n\n"
        "About you: you are a digital native and you have a feel for how our customers use the web. "
        "You will work with the team and you speak with the customers every day.\n"
    )
    flags = Engine(None).review(Document(source="ad.txt", text=text, lang="sv", kind="ad")).flags
    (flag,) = [f for f in flags if f.text == "digital native"]
    assert identify_language(f"{flag.explanation} {flag.suggestion}") == "en"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Butikssäljare\n\nVi söker en äldre herre till vår herrekipering.", "söker en äldre herre"),
        ("Sales assistant\n\nWe are looking for a young guy to join our shop.", "looking for a young guy"),
    ],
)
def test_an_age_phrase_inside_a_gender_requirement_is_flagged_as_both(text: str, span: str) -> None:
    lang = "sv" if "söker" in text else "en"
    flags = find_flags(text, bias_lexicon(lang), segment(text, layout_cues(lang), title="(none)"))
    gender = [f for f in flags if f.category == "gender" and f.text == span]
    age = [f for f in flags if f.category == "age"]
    assert gender, flags
    assert age and all(gender[0].start <= f.start and f.end <= gender[0].end for f in age), flags


@pytest.mark.parametrize(
    "text",
    [
        "Du har högst tre års erfarenhet av försäljning.",
        "Du har max 2 års erfarenhet.",
        "Erfarenhet: 0-2 år.",
        "Du har mindre än två års erfarenhet.",  # stop 37
        "Du har mellan 0 och 2 års erfarenhet.",
    ],
)
def test_an_experience_cap_is_an_age_flag_and_no_demand_for_years(text: str) -> None:
    # a user's test (stop 36): a cap got both an age flag and the experience flag, which says years shut out the young
    found = _flags("sv", text)
    assert any(category == "age" for _, category in found)
    assert not any(category == "experience" for _, category in found)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Har du mindre än två års erfarenhet? Inga problem, vi lär upp dig."),
        ("sv", "Sökande med mindre än tre års erfarenhet kommer inte att beaktas."),
        ("en", "Applicants with less than 3 years of experience will not be considered."),
        ("en", "Less than two years of experience? No problem."),
    ],
)
def test_a_question_or_a_minimum_in_cap_words_is_no_age_flag(lang: str, text: str) -> None:
    # stop 37: 'less than N years' asked as a question, or as the floor below which no one is hired, caps nothing
    assert not any(category == "age" for _, category in _flags(lang, text))


@pytest.mark.parametrize(
    "text",
    [
        "Som ledare för enheten har du ett starkt stöd av HR.",
        "Du har starka kunskaper i Excel och rapporterar till din ledare.",
        "Du blir ledare för ett starkt team.",
    ],
)
def test_a_leader_without_strength_beside_it_is_no_coded_phrase(text: str) -> None:
    """'stark ... ledare' is Gaucher's lead* as strength; 'ledare' alone is the role, and 'stark' about
    something else (support, skills, a team) is no leader."""
    assert not [t for t, c in _flags("sv", text) if c == "gender" and "ledare" in t]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi söker en personlig assistent till en kvinna i 40-årsåldern."),
        ("sv", "Vi söker assistenter till en ung kille med autism."),
        ("sv", "Kunden är en man i 60-årsåldern som behöver stöd i vardagen."),
        ("sv", "Vi söker en fritidsledare till vår verksamhet för unga."),
        ("en", "We are looking for a personal assistant to a man in his 40s."),
        ("en", "The client is a young woman who loves music."),
        ("en", "Youth worker for our services for young people."),
    ],
)
def test_the_age_of_the_person_cared_for_is_no_age_flag(lang: str, text: str) -> None:
    # a user's test (stop 37): in care ads the age is the client's, not the applicant's
    assert not any(category == "age" for _, category in _flags(lang, text))


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("sv", "Vi söker en kvinna i 30-årsåldern till vårt team.", "i 30-årsåldern"),
        ("sv", "Tjänsten passar för en person i 20-årsåldern.", "i 20-årsåldern"),
        ("sv", "Vi söker en ung och driven säljare.", "ung"),
        ("en", "We are looking for a young and energetic seller.", "young and energetic"),
    ],
)
def test_the_applicants_age_beside_the_care_guards_is_flagged(lang: str, text: str, span: str) -> None:
    assert (span, "age") in _flags(lang, text)


HIRE_BY_SEX_AND_AGE = [
    # a user's hunt (stop 38): "kille" after "för en" read as a client, so no flag at all
    ("sv", "Perfekt för en kille i 25-årsåldern.", "Perfekt för en kille", "i 25-årsåldern"),
    ("sv", "Jobbet passar en tjej runt 25.", "passar en tjej", "tjej runt 25"),
    ("sv", "Tjänsten är idealisk för en tjej i 30-årsåldern.", "idealisk för en tjej", "i 30-årsåldern"),
    ("en", "Perfect for a guy in his mid-20s.", "Perfect for a guy", "in his mid-20s"),
    ("en", "Ideal for a woman in her thirties.", "Ideal for a woman", "in her thirties"),
]


@pytest.mark.parametrize(("lang", "text", "gender", "age"), HIRE_BY_SEX_AND_AGE)
def test_a_person_named_by_sex_with_an_adult_age_is_the_hire(
    lang: str, text: str, gender: str, age: str
) -> None:
    """A person named by sex alone ("en kille") is a client only with a minor's age or none; with an adult
    age and no client word before it, the ad describes whom it hires: a gender flag and an age flag."""
    flags = _flags(lang, text)
    assert (gender, "gender") in flags and (age, "age") in flags


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Uppdraget passar en kille i 10-årsåldern med autism."),
        ("sv", "Vi söker assistenter till brukare i 80-årsåldern."),
        ("sv", "Vi söker en stödperson för en pojke på 12 år."),
        ("sv", "Vi arbetar med killar i 13-årsåldern på fritidsgården."),
        ("sv", "Han är en kille i 25-årsåldern som gillar fotboll."),
        ("sv", "Vi söker en personlig assistent till en kille i 20-årsåldern."),
        ("en", "The job would suit a boy aged 12 with autism."),
        ("en", "We coach boys in their teens."),
        ("en", "We are looking for a PA for a young man in his 20s."),
        ("en", "Perfect for a woman-owned business."),
    ],
)
def test_the_client_named_by_sex_keeps_the_client_guard(lang: str, text: str) -> None:
    assert not [c for _, c in _flags(lang, text) if c in ("age", "gender")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Våra användare har vuxit upp med sociala medier och kräver snabba svar."),
        ("sv", "Vår grundare växte upp med datorer på 80-talet."),
        ("en", "Our users grew up with smartphones and expect instant answers."),
        ("sv", "Våra kunder är främst medelålders män med intresse för fiske."),
        ("sv", "Tidningens läsare är i övre medelåldern."),
        ("sv", "Vi har ett moget utvecklingsteam med tydliga processer."),
        ("sv", "Du ska föryngra vårt varumärke och vår visuella identitet."),
        ("sv", "Du arbetar med plantering och föryngring av skog."),
        ("en", "You will rejuvenate our brand and its visual identity."),
        ("en", "We help retirees manage their pensions."),
        ("sv", "Våra pensionärer uppmuntras att delta i aktiviteterna."),
        ("sv", "Våra kunder i åldersspannet 20-30 handlar mest på nätet."),
        ("en", "Children 5-12 years of age attend our camps."),
        ("sv", "Som personlig assistent stöttar du en man i 30-årsåldern i vardagen."),
        ("en", "We are looking for support workers for a young woman in her twenties."),
        ("sv", "Kampanjen vänder sig till unga förstagångsväljare."),
        ("sv", "Du coachar unga arbetssökande mellan 18 och 29 år."),
        ("sv", "Vi söker en fritidsledare som brinner för unga."),
        ("sv", "Teamet består av tolv personer mellan 25 och 60 år."),
        ("en", "The team includes people aged from 22 to 64."),
        ("sv", "Vårt varumärke har en ungdomlig och lekfull ton."),
        ("en", "The brand has a youthful, witty tone."),
        ("en", "Our serums give skin a youthful glow."),
        ("sv", "Åldersgräns 18 år enligt Arbetsmiljöverkets föreskrifter."),
        ("sv", "Lägsta ålder 18 år på grund av nattarbete."),
        ("sv", "18 års ålder krävs för att arbeta som väktare."),
        ("sv", "Du ska vara över 25 år för att få hyra bilarna enligt vår försäkring."),
        ("sv", "Du blir mentor för nyexaminerade kollegor."),
        ("sv", "Du ingår i ett team med både unga och erfarna."),
        ("en", "We are a mix of young and experienced people."),
        ("sv", "Du har 2–5 års erfarenhet av projektledning."),
        ("sv", "Vi söker både juniora och seniora utvecklare."),
        ("sv", "Du är inskriven på en högskoleutbildning och kan jobba helger."),
        ("en", "We are a young company founded in 2021."),
        ("sv", "Vår grundare är född 1965 och startade bolaget 1990."),
        ("sv", "Matchen är för spelare födda 2010."),
        ("sv", "Branschen är ung och under snabb utveckling."),
        ("sv", "Du är ung i yrket men har rätt inställning."),
        ("sv", "Du kan vara nyexaminerad eller ha lång erfarenhet – vi välkomnar båda."),
        ("sv", "Vi välkomnar både nyexaminerade och erfarna sökande."),
        ("sv", "Vi har en ung kundgrupp och söker dig som vill nå dem."),
        ("en", "Our founder was born in 1970 and started the firm in 1999."),
        ("en", "We reach a young target audience on TikTok."),
        ("sv", "Vi söker dig som är nyutexaminerad eller har några års erfarenhet."),
        ("sv", "Du ska vara minst 21 år för att få köra lastbil."),
        ("sv", "Du är minst 25 år för att kunna hyra våra bilar."),
        ("sv", "Vi är ett nystartat bolag med unga grundare."),
        ("en", "You must be at least 21 to drive our vans."),
        ("en", "We are a start-up with young founders."),
    ],
)
def test_stop_40_traps_beside_the_age_kinds_get_no_age_flag(lang: str, text: str) -> None:
    """Stop 40: the new kinds' look-alikes (users, founders, clients, readers, a brand, a forest, an agile team)
    and the precision guards (the person cared for after a care verb, an audience of young people, a staff of
    wide ages, a youthful brand, a minimum age the rules set, a mentor to graduates, young and experienced side
    by side), and experience years, seniority, student status and a young company as before."""
    assert not [t for t, c in _flags(lang, text) if c == "age"]


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("sv", "Vi söker dig som är född 1995 eller senare.", "född 1995 eller senare"),
        ("sv", "Du är ung och vill lära dig branschen.", "ung"),
        ("sv", "Vi söker nyexaminerade ekonomer.", "nyexaminerade"),
        ("sv", "Du har en ungdomlig stil och känsla för trender.", "ungdomlig"),
        ("sv", "Lägsta ålder 25 år.", "ålder 25 år"),
        ("en", "Applicants born after 1995 preferred.", "born after 1995"),
        ("sv", "Du är nyexaminerad eller har högst två års erfarenhet.", "högst två års erfarenhet"),
        ("sv", "Du ska vara minst 25 år för att passa in i teamet.", "ska vara minst 25 år"),
        ("en", "You have a youthful voice that suits our readers.", "youthful"),
    ],
)
def test_stop_40_the_applicants_age_beside_the_new_guards_is_flagged(lang: str, text: str, span: str) -> None:
    assert (span, "age") in _flags(lang, text)


# Stop 40, set 7's tune half: the kinds of false flag (an age word whose subject is a thing, a minor's
# guardian consent, the person a care verb names, an audience's age) and of miss (a team of young people,
# years left to an age, an older person preferred, school youth, the reader addressed with an age beside
# an audience sentence). Fictional sentences, none from the set.
STOP_40_SET_7_TRAPS = [
    ("sv", "Verkstaden renoverar traktorer äldre än 40 år."),
    ("sv", "Vi hyr ut fritidshus, flera äldre än 50 år."),
    ("sv", "I lagret finns whisky som är äldre än 25 år."),
    ("sv", "Är du under 18 behöver vi din vårdnadshavares godkännande."),
    ("sv", "Sökande under 18 år behöver målsmans medgivande."),
    ("en", "Applicants under 18 need a parent or guardian's consent."),
    ("en", "Staff under 18 need parental consent to work evenings."),
    ("en", "You will assist a young woman in her thirties with her daily routines."),
    ("en", "You will care for a gentleman in his sixties after a stroke."),
    ("en", "Our readership is mostly people aged 30-45."),
    ("en", "Our core customers are families aged 25-40."),
    ("sv", "Vi har tio år kvar till 2035 års mål."),
    ("sv", "Du hjälper en äldre kvinna med inköp."),
    ("sv", "Du leder ett gäng ungdomar på fritidsgården."),
    ("sv", "Du har 3 års erfarenhet och är senior."),
    ("sv", "Vi är ett ungt företag med tio anställda."),
    ("sv", "Du studerar på högskolan och vill jobba extra."),
    ("sv", "Du ska vara minst 18 år enligt alkohollagen."),
    ("sv", "Vi erbjuder tjänstepension från 25 års ålder."),
    ("sv", "Pensionsavsättningen börjar vid 21 års ålder enligt avtalet."),
    ("sv", "Vi säljer begagnade datorer, de flesta yngre än 4 år."),
    ("sv", "Alla våra cyklar är yngre än 2 år."),
    ("sv", "I butiken är snittåldern hos kunderna 35 år."),
    ("sv", "Medelåldern bland våra besökare är 42."),
    ("sv", "Appen används mest av personer mellan 20 och 35 år."),
    ("sv", "Tidningen läses av kvinnor i 40-årsåldern."),
    ("sv", "Huvudmålgruppen är 25-40 år."),
    ("sv", "Du skapar innehåll för unga mellan 15 och 25 år."),
    ("sv", "Du planerar kampanjer riktade mot 20-30-åringar."),
    ("en", "Our app is used mostly by people aged 20-35."),
    ("en", "The magazine is read by women in their forties."),
    ("en", "You will plan campaigns for 18-24 year olds."),
    ("en", "You will create content for Gen Z."),
    ("en", "You will target ads at people aged 25-45 on Facebook."),
    ("sv", "Trafikskolan hjälper 18-åringar att ta körkort."),
    ("sv", "Vi hjälpte unga att hitta sommarjobb."),
    ("sv", "Du ansvarar för våra yngre medarbetares introduktion."),
    ("sv", "Hos oss arbetar personer från 19 till 67 år."),
    ("sv", "Vi säljer kläder till unga."),
    ("en", "We sell courses to people aged 20-30."),
    ("en", "Forty people work here, aged 19 to 67."),
    ("en", "The brand speaks to millennials and Gen Z."),
    ("sv", "Varumärket tilltalar unga vuxna i 25-årsåldern."),
    ("en", "Staff under 18 are not allowed to sell alcohol."),
    ("sv", "Du som är under 18 får inte sälja alkohol."),
    ("en", "We are a young, fast-growing start-up."),
    ("en", "We are a young and ambitious agency."),
    ("sv", "Våra lärlingar är mellan 16 och 58 år."),
]
STOP_40_SET_7_FLAGGED = [
    ("sv", "Vi är ett härligt gäng unga som gillar sport.", "Vi är ett härligt gäng unga"),
    ("sv", "Vi är en liten grupp ungdomar som driver butiken.", "Vi är en liten grupp ungdomar"),
    ("en", "We are a lively bunch of youngsters who love coffee.", "We are a lively bunch of youngsters"),
    ("sv", "Du har ett par år kvar till 35 och vill växa.", "ett par år kvar till 35"),
    ("sv", "Du är bara några år från att fylla 30.", "några år från att fylla 30"),
    ("en", "You are still a couple of years away from 30.", "a couple of years away from 30"),
    ("en", "You are a few years short of 30 and eager to learn.", "a few years short of 30"),
    ("sv", "Helst en äldre säljare med livet bakom sig.", "Helst en äldre säljare"),
    ("sv", "Vi söker gärna en äldre chaufför.", "söker gärna en äldre chaufför"),
    ("sv", "Jobbet passar skolungdomar som vill ha ett sommarjobb.", "passar skolungdomar"),
    ("sv", "Perfekt för skolungdom på lovet.", "Perfekt för skolungdom"),
    ("sv", "Målgruppen är unga, så vi söker dig under 30.", "under 30"),
    ("en", "Our audience is young, so we want you under 30.", "under 30"),
    ("en", "We are hiring an assistant aged 20-30.", "aged 20-30"),
    ("sv", "Du är yngre än 30 och vill lära dig.", "yngre än 30"),
    ("sv", "Medelåldern i teamet är 27 år.", "Medelåldern i teamet är 27"),
    ("sv", "Vi söker dig mellan 20 och 35 år till vår kampanjavdelning.", "mellan 20 och 35 år"),
    ("en", "Our content team wants someone aged 25-35.", "aged 25-35"),
    ("sv", "Vi söker dig som vill hjälpa oss, ung och hungrig.", "ung"),
    ("sv", "Vi söker yngre medarbetare till butiken.", "yngre"),
    ("sv", "Vi söker säljare till vårt unga team.", "unga team"),
    ("en", "We need sellers to join our young team.", "young team"),
    ("en", "We want a young, ambitious marketer.", "young"),
    ("sv", "Du ska vara under 25 och får inte ha barn.", "under 25"),
    ("en", "You will support a team manager aged 30-40.", "aged 30-40"),
]


@pytest.mark.parametrize(("lang", "text"), STOP_40_SET_7_TRAPS)
def test_stop_40_set_7_traps_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_40_SET_7_FLAGGED)
def test_stop_40_set_7_kinds_are_flagged(lang: str, text: str, span: str) -> None:
    assert (span, "age") in _flags(lang, text)


# Stop 42: kinds of age idiom (customer preference, an age as a wish, "fräsch" of a person, age named as a
# dimension, favouring an age group, grey hair, an age band or school year only) and the look-alikes the
# new guards quiet. Fictional sentences of my own, none from any set.
STOP_42_KINDS = [
    (
        "sv",
        "Gästerna på vårt pensionat föredrar en äldre och lugn värd i receptionen.",
        "äldre och lugn värd",
    ),
    ("sv", "Brukaren vill ha en ledsagare i ungefär samma ålder.", "i ungefär samma ålder"),
    ("sv", "Vi söker en lagerarbetare, helst runt 30.", "helst runt 30"),
    ("sv", "Du är förslagsvis mellan 22 och 30 och gillar ordning.", "förslagsvis mellan 22 och 30"),
    ("sv", "Till baren söker vi en fräsch kille med glimten i ögat.", "fräsch kille"),
    ("sv", "Vi vill ha någon ung till åldern men med gott omdöme.", "ung till åldern"),
    ("sv", "Kontoret prioriterar yngre medarbetare vid nyanställning.", "prioriterar yngre medarbetare"),
    ("sv", "Du har gärna lite grått i håret och vet hur en verkstad fungerar.", "grått i håret"),
    ("sv", "Vi söker en gråsprängd snickare till vårt lag.", "gråsprängd"),
    (
        "sv",
        "Vi söker en pigg och fräsch tjej i början av karriären till vår salong.",
        "i början av karriären",
    ),
    ("en", "Our diners prefer a young, cheerful waiter at the table.", "young, cheerful waiter"),
    ("en", "Barista wanted, preferably 21-28.", "preferably 21-28"),
    ("en", "We are looking for a fresh-faced host for our lounge.", "fresh-faced"),
    ("en", "You are junior in both age and experience.", "junior in both age"),
    ("en", "The studio believes in young talent and gives it the keys.", "believes in young talent"),
    ("en", "We want a silver-haired driver who knows the roads.", "silver-haired"),
    ("en", "This kitchen porter job is open only to under-21s.", "under-21s"),
    ("en", "Weekend shifts, perfect for Year 11 pupils.", "Year 11 pupils"),
]
STOP_42_LOOK_ALIKES = [
    ("sv", "Kunderna gillar vårt unga och fräscha sortiment av skor."),
    ("sv", "Butiken har öppet helst mellan 10 och 18 på lördagar."),
    ("sv", "Du har gärna 5 år i branschen."),
    ("sv", "Som mentor stöttar du nyexaminerade tandläkare under det första året."),
    ("sv", "Enligt våra regler för minderåriga anställer vi inte någon under 16 år."),
    ("sv", "Du coachar ungdomar som söker sitt första sommarjobb."),
    ("sv", "Föreningen samlar allt från studenter till pensionärer i sina körer."),
    ("sv", "Vi säljer fräscha frukter och grönsaker."),
    ("en", "The choir has members from students to retirees."),
    ("en", "You will mentor newly qualified teachers in their first term."),
    ("en", "We cannot legally employ anyone under 16 in the warehouse."),
    ("en", "The youth club is open to under-18s every Friday."),
    ("en", "You teach Year 12 pupils and mark their coursework."),
    ("en", "Guests love our fresh and young wines from the valley."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_42_KINDS)
def test_stop_42_kinds_of_age_idiom_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span in t for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_42_LOOK_ALIKES)
def test_stop_42_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


# Stop 43: the kinds of age-coded wording that set 10's tune half missed (an applicant's age range without a
# unit, a school year or stage of the reader, early in the reader's studies, the team's age as the wish, "first
# job" as a title's head or the reader's search, a whole working life behind the reader and the wish to slow
# down) and the look-alikes their guards keep quiet (pupils, clients, hours and degrees, the employer's
# training, an education requirement, the first task of the day). Fictional sentences of my own, none from any set.
STOP_43_KINDS = [
    ("en", "Are you between 19 and 24 and keen to learn the till?", "between 19 and 24"),
    ("en", "You're 20-28 and enjoy a busy floor.", "20-28"),
    ("en", "You should be between 21 and 30, with a driving licence.", "between 21 and 30"),
    ("sv", "Du går första eller andra året på gymnasiet och vill tjäna extra.", "andra året på gymnasiet"),
    ("sv", "Går du i nian och vill sommarjobba?", "Går du i nian"),
    ("sv", "Vi söker dig som går i årskurs 2 eller 3 på gymnasiet.", "årskurs 2 eller 3 på gymnasiet"),
    ("sv", "Du som går på högstadiet är välkommen att söka.", "går på högstadiet"),
    ("en", "You are in Year 12 or 13 and free on Saturdays.", "Year 12 or 13"),
    ("en", "Are you in 11th grade and looking for summer work?", "11th grade"),
    ("en", "You're a high school junior who loves animals.", "high school junior"),
    ("en", "You are still at school and can work weekends.", "still at school"),
    (
        "sv",
        "Jobbet passar dig som är i början av dina studier och vill stanna några år.",
        "i början av dina studier",
    ),
    ("sv", "Vi söker dig som precis har börjat plugga på högskolan.", "precis har börjat plugga"),
    ("en", "This suits someone early in your studies who wants a steady side job.", "early in your studies"),
    (
        "en",
        "Ideal for first-year university students who want weekend hours.",
        "first-year university students",
    ),
    ("en", "You have just started university and need flexible shifts.", "just started university"),
    ("sv", "Vi är ett gäng studenter och söker fler i liknande ålder.", "fler i liknande ålder"),
    ("en", "Most of our crew are students, so we are looking for more people the same age.", "the same age"),
    ("en", "We'd love someone our own age to join the crew.", "someone our own age"),
    ("sv", "Första jobbet – lagerarbetare\n\nVi söker en lagerarbetare.", "Första jobbet"),
    ("sv", "Letar du efter ett första jobb? Då passar detta dig.", "ett första jobb"),
    ("en", "First job? Start with us\n\nWe need a cashier.", "First job"),
    ("en", "Looking for a first job in retail? Apply now.", "a first job"),
    ("sv", "Passar dig som har jobbat hela livet och vill ha något att göra.", "jobbat hela livet"),
    ("sv", "Du har ett långt yrkesliv bakom dig och söker något lugnare.", "yrkesliv bakom dig"),
    ("sv", "Jobbet passar dig i slutet av din karriär.", "slutet av din karriär"),
    ("sv", "Vi söker dig som efter många år inom handeln nu vill trappa ner.", "vill trappa ner"),
    ("sv", "Pensionär som vill hålla igång?\n\nVi söker vaktmästare.", "Pensionär som vill"),
    ("en", "This role suits someone towards the end of your working life.", "end of your working life"),
    ("en", "Are you a retiree with time to spare?", "retiree"),
    ("en", "Retired and looking for something to do?\n\nWe need drivers.", "Retired and looking"),
]
STOP_43_LOOK_ALIKES = [
    ("sv", "Temperaturen ska vara mellan 18 och 22 grader."),
    ("sv", "Du är mellan 18 och 22 på kvällarna i butiken."),
    ("sv", "Du är 20-30 minuter från centrum med bil."),
    ("en", "You are 20-30 minutes from the city centre."),
    ("en", "If you are between 20 and 30 hours available a week, apply."),
    ("en", "Our customers are between 20 and 30."),
    ("sv", "Du undervisar elever som går andra året på gymnasiet."),
    ("sv", "Du hjälper elever som går i nian att välja gymnasium."),
    ("sv", "Du läser termin 5 på juristprogrammet och vill jobba extra."),
    ("en", "You teach pupils in Year 12 and mark their coursework."),
    ("en", "You are in year 2 of your apprenticeship."),
    ("en", "You are in the final year of your nursing degree."),
    ("sv", "I början av din utbildning hos oss går du bredvid en erfaren kollega."),
    ("sv", "Du stöttar studenter i början av deras utbildning."),
    ("sv", "Du har minst ett år kvar av dina studier."),
    ("en", "You will support students at the start of their studies."),
    ("sv", "Barnen delas in i grupper med barn i samma ålder."),
    ("en", "We bring together people of a similar age in our groups."),
    ("en", "We need to know their age for the insurance."),
    ("sv", "Första jobbet på morgonen är att öppna kassan."),
    ("en", "First job of the day: unlock the store and count the till."),
    ("sv", "Vi hjälper ungdomar som söker ett första jobb."),
    ("en", "We help young people looking for a first job."),
    ("sv", "Vår grundare har arbetat ett helt yrkesliv i branschen."),
    ("sv", "Här kan du utvecklas under ett helt yrkesliv."),
    ("sv", "Du som vill trappa ner konflikter i skolan är rätt person."),
    ("sv", "Du hjälper pensionärer som vill lära sig surfplattan."),
    ("en", "Our founder spent a whole working life in retail."),
    ("en", "Our members are retirees who want to stay active."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_43_KINDS)
def test_stop_43_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span in t for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_43_LOOK_ALIKES)
def test_stop_43_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


STOP_45_KINDS = [
    ("sv", "Gärna en äldre, lugn person som trivs med nattarbete.", "äldre, lugn person"),
    ("sv", "Vi söker en mogen, stabil chaufför.", "mogen, stabil chaufför"),
    ("en", "Preferably an older, calm person for the night desk.", "older, calm person"),
    ("sv", "Perfekt helgjobb för tonåringar som vill tjäna egna pengar.", "helgjobb för tonåringar"),
    ("sv", "Kvällsjobbet lämpar sig väl för ungdomar.", "lämpar sig väl för ungdomar"),
    ("sv", "Tjänsten lämpar sig för pensionärer.", "lämpar sig för pensionärer"),
    ("sv", "Vi är alla i samma ålder och söker någon som passar in.", "Vi är alla i samma ålder"),
    ("en", "We're all about the same age and want someone who fits in.", "all about the same age"),
    ("sv", "Du står i startgroparna för din karriär.", "i startgroparna för din karriär"),
    ("sv", "Passar dig som har lämnat småbarnsåren bakom dig.", "småbarnsåren bakom dig"),
    ("en", "Your children have flown the nest and you want a new challenge.", "flown the nest"),
    ("en", "You have grown-up children and time for evening shifts.", "grown-up children"),
    ("sv", "Vi tänker oss en äldre, lugn person som boende känner förtroende för.", "tänker oss en äldre"),
    ("sv", "Vi ser framför oss en mogen person i rollen.", "ser framför oss en mogen person"),
    ("sv", "Du orkar hålla ett ungt och högt tempo i köket.", "ungt och högt tempo"),
    ("sv", "Passar som extrajobb vid sidan av din pension.", "vid sidan av din pension"),
    ("en", "A few shifts a week alongside your pension.", "alongside your pension"),
    ("sv", "Redaktionen behöver påfyllning från den yngre generationen.", "den yngre generationen"),
    ("en", "Our crew needs new blood from the younger generation.", "the younger generation"),
    ("sv", "Den yngsta i teamet är 22 år och den äldsta är 31.", "yngsta i teamet är 22 år"),
    ("en", "Our youngest colleague is 20 and the oldest is 29.", "youngest colleague is 20"),
    ("sv", "Passar dig som nyligen har lämnat skolbänken.", "nyligen har lämnat skolbänken"),
    (
        "en",
        "Ideal for someone in their first few years out of university.",
        "first few years out of university",
    ),
    ("sv", "Jobbet passar dig som vill ha något att göra på dina äldre dagar.", "på dina äldre dagar"),
    ("en", "Some light work to enjoy during your golden years.", "your golden years"),
    ("en", "You are ambitious and have a long career ahead of you.", "a long career ahead of you"),
    ("sv", "Tjänsten vänder sig i första hand till unga akademiker.", "vänder sig i första hand till unga"),
    ("en", "This weekend job is aimed mainly at teenagers.", "aimed mainly at teenagers"),
    ("sv", "Du gick ut gymnasiet för högst två år sedan.", "gick ut gymnasiet för högst två år sedan"),
    ("en", "You left school no more than two years ago.", "left school no more than two years ago"),
    ("sv", "Våra medarbetare är i snitt 27 år.", "i snitt 27"),
]
STOP_45_LOOK_ALIKES = [
    ("sv", "Du stöttar äldre, sköra personer i hemmet."),
    ("sv", "Barnen i gruppen är i samma ålder."),
    ("sv", "Du hjälper pensionärer som vill lära sig surfplattan."),
    ("sv", "Lokalen lämpar sig för konferenser."),
    ("sv", "Vi erbjuder extrajobb med flexibla tider."),
    ("en", "The pupils are all the same age."),
    ("en", "Support an older, frail person at home."),
    ("en", "You support parents whose children have grown up with a disability."),
    ("sv", "Hos oss arbetar kollegor mellan 19 och 67 år, och blandningen är vår styrka."),
    ("sv", "Vi är ett ungt företag med högt tempo."),
    ("sv", "Utöver lön och tjänstepension erbjuder vi friskvårdsbidrag."),
    ("sv", "Du undervisar den yngre generationen i historia."),
    ("en", "We teach the younger generation to code."),
    ("sv", "Vår yngsta medarbetare är 19 och den äldsta 64."),
    ("sv", "Den yngsta eleven är 17 och den äldsta 19."),
    ("sv", "Du hjälper en hyresgäst som på äldre dar behöver stöd i vardagen."),
    ("en", "Our youngest pupil is 17 and the oldest is 19."),
    ("en", "Our youngest colleague is 21 and our oldest is 66."),
    ("sv", "Passar dig som studerar på gymnasiet eller högskolan och vill jobba i sommar."),
    ("sv", "Kursens deltagare har oftast nyss tagit studenten."),
    ("en", "We sell gap year trips to students across Europe."),
    ("sv", "Verksamheten riktar sig till unga mellan 16 och 24 år."),
    ("sv", "Våra kunder är i snitt 45 år."),
    ("sv", "Vi är i snitt 30 anställda på kontoret."),
    ("sv", "Hon gick ut skolan för två år sedan och är nu vår chef."),
    ("en", "Our charity programme is aimed at young people."),
    ("en", "She left school less than two years ago and now runs the shop."),
    ("en", "The start of working life can be hard for the young people we support."),
    ("sv", "Din mentor hjälper dig till en bra start i ditt yrkesliv hos oss."),
    ("sv", "Vi är en ung och växande reklambyrå i Malmö."),
    ("sv", "Vi är en ung studio med stora kunder."),
    ("en", "We are a young, fast-growing fintech firm."),
    ("en", "We're a young studio with big clients."),
    ("sv", "Du rekryterar unga till våra sommarjobb."),
    ("sv", "Som butikschef anställer du unga medarbetare till helgerna."),
    ("sv", "Du ansvarar för att rekrytera feriearbetare mellan 16 och 18 år."),
    ("en", "As store manager you recruit young staff for the weekends."),
    ("en", "You will be responsible for recruiting students aged 16-18 for summer work."),
    ("sv", "Du motiverar unga att välja en yrkesutbildning."),
    ("sv", "Som studievägledare inspirerar du unga att våga välja."),
]
STOP_45_STILL_FLAGGED = [
    ("sv", "Passar dig som studerar på gymnasiet och vill jobba i sommar.", "studerar på gymnasiet"),
    ("sv", "Du har nyss tagit studenten och vill jobba ett år.", "nyss tagit studenten"),
    ("en", "An ideal gap year job for school leavers.", "gap year"),
    ("sv", "Vi är en ung byrå och söker en ung och driven säljare.", "ung"),
    ("en", "Join our young, ambitious sales team.", "young"),
    ("sv", "Vi anställer unga och drivna säljare.", "unga"),
    ("sv", "Du som är ung och vill arbeta som rekryterare är välkommen.", "ung"),
    ("en", "You are young and want to work in recruitment.", "young"),
    ("sv", "Du är ung och inspirerar dina kollegor.", "ung"),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_45_KINDS)
def test_stop_45_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span in t for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_45_LOOK_ALIKES)
def test_stop_45_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_45_STILL_FLAGGED)
def test_stop_45_guards_leave_the_applicants_own_stage_flagged(lang: str, text: str, span: str) -> None:
    assert any(span in t for t, c in _flags(lang, text) if c == "age")


# Stop 46: kinds of Swedish age-coding written as their word families (phase nouns of a career, verbs of
# finishing studies, coordinated adjectives, compound generation names, decades spelt out, the retired
# participle), from general knowledge of how Swedish ads code age; fictional sentences.
STOP_46_KINDS = [
    ("sv", "Du är i ett tidigt skede av din karriär.", "i ett tidigt skede av din karriär"),
    ("sv", "Jobbet passar dig som är i en tidig fas av ditt yrkesliv.", "i en tidig fas av ditt yrkesliv"),
    ("sv", "Du befinner dig i startskedet av din karriär.", "i startskedet av din karriär"),
    ("sv", "Du är i karriärens början och vill lära dig mycket.", "i karriärens början"),
    ("sv", "Du har nyss påbörjat din yrkesbana.", "nyss påbörjat din yrkesbana"),
    ("sv", "Du är på väg ut i arbetslivet och vill ha en bra start.", "på väg ut i arbetslivet"),
    ("sv", "Du står på tröskeln till arbetslivet.", "på tröskeln till arbetslivet"),
    ("sv", "Passar dig som ska precis ut i arbetslivet.", "ut i arbetslivet"),
    ("sv", "Du har nyligen slutfört dina studier i ekonomi.", "nyligen slutfört dina studier"),
    ("sv", "Du har en nyligen avlagd kandidatexamen.", "nyligen avlagd kandidatexamen"),
    ("sv", "Du tog din examen nyligen och vill börja jobba.", "tog din examen nyligen"),
    ("sv", "Vi söker unga och drivna personer till butiken.", "unga och drivna personer"),
    ("sv", "Vi anställer unga, glada och engagerade medarbetare.", "unga, glada och engagerade medarbetare"),
    ("sv", "Vi söker yngre kollegor till lagret.", "yngre kollegor"),
    ("sv", "Du som är i de sena tonåren är välkommen att söka.", "i de sena tonåren"),
    ("sv", "Du tillhör millenniegenerationen och lever på nätet.", "millenniegenerationen"),
    ("sv", "Du är någon som tillhör generation Y.", "generation y"),
    ("sv", "Du är född på nittiotalet.", "född på nittiotalet"),
    ("sv", "Är du åttiotalist och gillar spel?", "åttiotalist"),
    ("sv", "Du som är pensionerad och vill jobba extra är välkommen.", "pensionerad"),
    ("sv", "Vi har fina pass för nypensionärer som saknar kollegorna.", "nypensionärer"),
    ("sv", "Den vi söker är runt 30 år och trivs i butik.", "Den vi söker är runt 30 år"),
    ("sv", "Vår idealkandidat är omkring 25.", "idealkandidat är omkring 25"),
    ("sv", "Passar unga vuxna som vill jobba extra.", "Passar unga vuxna"),
    ("sv", "Våra medarbetare är unga och drivna.", "Våra medarbetare är unga"),
    ("sv", "Majoriteten av oss är under 30 år.", "Majoriteten av oss är under 30 år"),
    ("sv", "Du får kollegor i din egen ålder.", "kollegor i din egen ålder"),
    ("sv", "Här får du jämnåriga kollegor.", "jämnåriga kollegor"),
    ("sv", "Vi söker yngre medarbetare till lagret.", "yngre"),
    ("sv", "Vi söker en yngre säljare som leder vårt team.", "yngre"),
    ("sv", "Jobbet passar ungdomar med körkort.", "passar ungdomar"),
    ("sv", "Jobbet passar ungdomar med intresse för mode.", "passar ungdomar"),
    ("en", "You are in the early phase of your career.", "early phase of your career"),
    (
        "en",
        "You are at the beginning of your professional journey.",
        "beginning of your professional journey",
    ),
    ("en", "You are about to enter the workforce.", "about to enter the workforce"),
    ("en", "You are on the threshold of working life.", "on the threshold of working life"),
    ("en", "You have recently started your career.", "recently started your career"),
    ("en", "You hold a recently obtained bachelor's degree.", "recently obtained bachelor's"),
    ("en", "You completed your degree recently.", "completed your degree recently"),
    ("en", "You have newly completed your master's.", "newly completed your master's"),
    ("en", "You belong to Generation Y.", "Generation Y"),
    ("en", "You were born in the nineties.", "born in the nineties"),
    ("en", "You are a child of the eighties.", "child of the eighties"),
    ("en", "You are retired and want to work a few hours.", "You are retired"),
    ("en", "You are newly retired.", "newly retired"),
    ("en", "The person we are looking for is around 30.", "is around 30"),
    ("en", "Our ideal candidate is about 25 years old.", "about 25 years old"),
    ("en", "Our dream candidate is somewhere around 25.", "somewhere around 25"),
    ("en", "You will have colleagues your own age.", "colleagues your own age"),
    ("en", "You get colleagues of your age.", "colleagues of your age"),
    ("en", "The job suits young people with a driving licence.", "suits young people"),
    ("en", "We are looking for younger employees.", "younger"),
    ("sv", "Du har ungdomens energi och nyfikenhet.", "ungdomens energi"),
    ("sv", "Vi söker dig som har ungdomens glöd.", "ungdomens glöd"),
    ("sv", "Du tänker ungt och modernt.", "tänker ungt"),
    ("sv", "Du har ett ungt sätt att tänka.", "ungt sätt att tänka"),
    ("sv", "Du befinner dig mitt i livet.", "mitt i livet"),
    ("sv", "Du är i de bästa åren.", "i de bästa åren"),
    ("sv", "Dina barn är vuxna och du har tid för ett nytt jobb.", "Dina barn är vuxna"),
    ("sv", "Passar dig vars barn har flugit ur boet.", "barn har flugit ur boet"),
    ("sv", "Du har en helt ny examen.", "helt ny examen"),
    ("sv", "Du är färdig med studierna sedan högst ett år.", "färdig med studierna sedan högst ett år"),
    ("sv", "Du avslutar snart dina studier.", "avslutar snart dina studier"),
    ("sv", "Du blir klar med din utbildning i vår.", "klar med din utbildning i vår"),
    ("sv", "Du är nykläckt och vill lära dig mer.", "nykläckt"),
    ("sv", "Vi behöver friskt blod i teamet.", "friskt blod i teamet"),
    ("sv", "Du ansvarar för vårt sortiment och är ung och hungrig.", "ung"),
]
STOP_46_LOOK_ALIKES = [
    ("sv", "Vi kommer in i ett tidigt skede av projektet."),
    ("sv", "Du stöttar deltagare i ett tidigt skede av deras karriär."),
    ("sv", "I karriärens början stöttade hon många kollegor."),
    ("sv", "Vi hjälper unga som är på väg ut i arbetslivet."),
    ("sv", "Du coachar ungdomar som står på tröskeln till arbetslivet."),
    ("sv", "Examen avlagd vid svenskt lärosäte krävs."),
    ("sv", "Vi söker unga och äldre personer till vårt team."),
    ("sv", "Vi anställer unga och gamla människor."),
    ("sv", "Som rektor anställer du unga och engagerade medarbetare."),
    ("sv", "Som handledare stöttar du yngre kollegor."),
    ("sv", "Du möter elever i de sena tonåren."),
    ("sv", "Vi riktar oss till millenniegenerationen som kunder."),
    ("sv", "Huset är byggt på nittiotalet."),
    ("sv", "Du hjälper pensionerade lärare med deras frågor."),
    ("sv", "Du administrerar nypensionärernas ärenden."),
    ("sv", "Den vi söker är runt 30 procent av tiden ute hos kunder."),
    ("sv", "Den vi söker ska vara ca 25 dagar per år på mässor."),
    ("sv", "Boendet passar unga vuxna med behov av stöd."),
    ("sv", "Våra kunder är unga och köpstarka."),
    ("sv", "Majoriteten av våra kunder är under 30."),
    ("sv", "Majoriteten av oss är under 30 minuter från kontoret."),
    ("sv", "Du hjälper elever i din ålder med läxor."),
    ("sv", "Du leder yngre medarbetare."),
    ("sv", "Du leder och utvecklar yngre medarbetare i teamet."),
    ("sv", "Som chef leder du ett team av yngre medarbetare."),
    ("sv", "I rollen ingår att lära upp yngre medarbetare."),
    ("sv", "Du har personalansvar för tolv yngre säljare."),
    ("sv", "Boendet passar ungdomar med behov av stöd."),
    ("sv", "Verksamheten passar ungdomar i behov av struktur."),
    ("sv", "Boendet lämpar sig för ungdomar med neuropsykiatriska funktionsnedsättningar."),
    ("sv", "Boendet passar tonåringar med psykosocial problematik."),
    ("en", "We get involved at an early stage of the project."),
    ("en", "You support participants at an early stage of their careers."),
    ("en", "We help young people who are about to enter the workforce."),
    ("en", "You coach students on the threshold of working life."),
    ("en", "A degree obtained at an accredited university is required."),
    ("en", "You help recently graduated students find jobs."),
    ("en", "The house was built in the nineties."),
    ("en", "The founder was born in the nineties."),
    ("en", "You help retired teachers with their questions."),
    ("en", "The old system was retired last year."),
    ("en", "The person we are looking for spends around 30 percent of the time with customers."),
    ("en", "The person we are looking for is about 25 minutes from the office every day."),
    ("en", "Our ideal candidate has about 5 years of experience."),
    ("en", "Most of us are under 30 minutes from the office."),
    ("en", "You help pupils your age with homework."),
    ("en", "You will lead younger colleagues."),
    ("en", "You will manage a team of younger staff."),
    ("en", "The home suits young people with support needs."),
    ("en", "The programme is perfect for young people with learning difficulties."),
    ("en", "Our products suit young people."),
    ("sv", "Du arbetar för ungdomens bästa i kommunen."),
    ("sv", "Ungdomens energi smittar av sig på fritidsgården."),
    ("sv", "Du förstår hur ungdomar tänker."),
    ("sv", "Vi står mitt i livet på orten med vår butik."),
    ("sv", "Du möter patienter i de bästa åren."),
    ("sv", "Du hjälper människor mitt i livet att byta karriär."),
    ("sv", "Du möter föräldrar vars barn är vuxna."),
    ("sv", "Dina barn är välkomna på vår sommarfest."),
    ("sv", "Du hjälper studenter som snart avslutar sina studier."),
    ("sv", "Du har en examen som är ny för branschen."),
    ("sv", "Du tar friskt blod från donatorer."),
    ("sv", "Blodcentralen behöver friskt blod."),
    ("sv", "Lägenheterna passar unga vuxna."),
    ("sv", "Produkterna passar unga vuxna och studenter."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_46_KINDS)
def test_stop_46_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_46_LOOK_ALIKES)
def test_stop_46_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


# Stop 47: whose age it is, read from the words the age word hangs on: the job as the subject of a word of fit
# with an age group as its object (older groups too), "ett ungt" + a noun after a hiring verb, the team's
# make-up ("ett team av unga säljare", read by the whose-age gate), and the reader who leads a team whatever
# the word order; products and media that reach an age group; fictional sentences.
STOP_47_KINDS = [
    (
        "sv",
        "Tjänsten är skräddarsydd för seniorer som vill jobba extra.",
        "Tjänsten är skräddarsydd för seniorer",
    ),
    ("sv", "Jobbet passar seniorer.", "Jobbet passar seniorer"),
    ("sv", "Tjänsten är anpassad för pensionärer.", "Tjänsten är anpassad för pensionärer"),
    ("sv", "Rollen lämpar sig för äldre.", "Rollen lämpar sig för äldre"),
    ("sv", "Jobbet är skräddarsytt för unga.", "Jobbet är skräddarsytt för unga"),
    ("sv", "Extrajobbet är perfekt för tonåringar.", "perfekt för tonåringar"),
    ("sv", "Nu behöver vi ett ungt ansikte utåt i receptionen.", "behöver vi ett ungt ansikte"),
    ("sv", "Vi söker ett ungt och hungrigt proffs.", "söker ett ungt och hungrigt proffs"),
    ("sv", "Teamet består av unga säljare.", "unga"),
    ("sv", "Som säljare får du kollegor som är unga och drivna.", "unga"),
    ("sv", "Du kommer till ett team av unga forskare.", "unga"),
    ("en", "The job is perfect for seniors.", "job is perfect for seniors"),
    (
        "en",
        "The role is tailored for older people who want part-time work.",
        "role is tailored for older people",
    ),
    ("en", "You will join a team of young salespeople.", "young"),
    ("en", "The team consists of young sales reps.", "young"),
    ("sv", "Du är mellan tjugo och trettio.", "Du är mellan tjugo och trettio"),
    ("sv", "Du är runt tjugofem.", "Du är runt tjugofem"),
    ("sv", "Du som är omkring trettiofem år vill jobba extra.", "Du som är omkring trettiofem år"),
    ("en", "You are between twenty and thirty.", "You are between twenty and thirty"),
    ("en", "Are you around thirty years old?", "around thirty years old"),
]
STOP_47_LOOK_ALIKES = [
    ("sv", "Vi erbjuder ett program skräddarsytt för seniorer."),
    ("sv", "Rollen passar äldre kunder."),
    ("sv", "Du stöttar seniorer i vardagen."),
    ("sv", "Tjänsten passar seniorer inom IT."),
    ("sv", "Vi söker ett ungt och växande företag att samarbeta med."),
    ("sv", "Krämen ger ett ungt ansikte."),
    ("sv", "Teamet arbetar med unga i utanförskap."),
    ("sv", "Kollegorna möter unga varje dag."),
    ("sv", "Vi är ett team som hjälper unga att hitta jobb."),
    ("sv", "Du leder ett ungt team."),
    ("sv", "Du leder ett team av unga säljare."),
    ("sv", "Våra produkter når generation Z."),
    ("sv", "Vår app lockar unga vuxna."),
    ("en", "You will lead a young team."),
    ("en", "You will lead a team of young salespeople."),
    ("en", "Our products reach Generation Z."),
    ("en", "Our content targets Gen Z."),
    ("en", "Our products are aimed at Gen Z."),
    ("en", "Our codebase is young and has no legacy debt."),
    ("en", "The job is perfect for seniors in IT."),
    ("en", "The team works with young people leaving care."),
    ("sv", "Du är runt tjugo timmar i veckan på plats."),
    ("sv", "Du är cirka trettio minuter från kontoret."),
    ("sv", "Våra kunder är runt tjugofem."),
    ("sv", "Du är mellan tjugo och trettio på kvällarna."),
    ("en", "You are about twenty minutes from the station."),
    ("en", "Our customers are around twenty-five."),
    ("en", "You are about twenty-five percent of the time on the road."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_47_KINDS)
def test_stop_47_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_47_LOOK_ALIKES)
def test_stop_47_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi är ett ungt team av säljare."),
        ("sv", "Vi söker en projektledare till ett ungt team."),
        ("en", "You will join a young team."),
        ("en", "Our colleagues are young."),
    ],
)
def test_stop_47_the_team_the_hire_joins_stays_flagged(lang: str, text: str) -> None:
    assert [t for t, c in _flags(lang, text) if c == "age"]


# Stop 48: set 13's tune half read (its four Swedish misses, each a kind), written as the mechanism, with English
# twins; no check row read (docs/review.md, "Stop 48").
STOP_48_KINDS = [
    ("sv", "Du har fräscha ögon och en ung blick på branschen.", "en ung blick"),
    ("sv", "Du har ett ungt perspektiv på kommunikation.", "ett ungt perspektiv"),
    ("sv", "Du ser på världen med unga ögon.", "med unga ögon"),
    ("sv", "Du har ungdomen på din sida.", "ungdomen på din sida"),
    ("sv", "Du är gärna över 50.", "gärna över 50"),
    ("sv", "Du är helst över 40 år.", "helst över 40"),
    ("sv", "Du har kommit en bit i livet.", "kommit en bit i livet"),
    ("sv", "Du som har kommit upp i åren är välkommen.", "kommit upp i åren"),
    ("sv", "Du är till åren kommen.", "till åren kommen"),
    ("sv", "I köket möter du ett team av unga vuxna som gillar högt tempo.", "team av unga vuxna"),
    ("sv", "Teamet består av unga människor.", "består av unga människor"),
    ("sv", "Vi letar efter unga, drivna förmågor till vårt säljteam.", "unga, drivna förmågor"),
    ("sv", "Vi söker unga och hungriga talanger.", "unga och hungriga talanger"),
    ("sv", "Kickstarta din karriär hos oss!", "Kickstarta din karriär"),
    ("sv", "Här börjar din karriär.", "Här börjar din karriär"),
    ("sv", "Din karriär börjar här.", "Din karriär börjar här"),
    ("sv", "Vill du ta ditt första kliv in i arbetslivet?", "första kliv in i arbetslivet"),
    ("sv", "Du är i början av ditt vuxna liv.", "i början av ditt vuxna liv"),
    ("sv", "Du har examen från 2024 eller 2025.", "examen från 2024 eller 2025"),
    ("sv", "Du tog examen 2023 eller senare.", "examen 2023 eller senare"),
    ("en", "You bring a young perspective to the brand.", "young perspective"),
    ("en", "You see the industry with young eyes.", "with young eyes"),
    ("en", "You have youth on your side.", "youth on your side"),
    ("en", "You are ideally over 50.", "ideally over 50"),
    ("en", "You are at least 35 years old.", "at least 35 years old"),
    ("en", "You are getting on in years.", "getting on in years"),
    ("en", "You will join a team of young adults.", "team of young adults"),
    ("en", "Start your career with us.", "Start your career with us"),
    ("en", "Your career starts here.", "Your career starts here"),
    ("en", "You are new to the job market.", "new to the job market"),
    ("en", "You are at the start of your adult life.", "start of your adult life"),
    ("en", "You have a degree from 2024 or later.", "degree from 2024 or later"),
]
STOP_48_LOOK_ALIKES = [
    ("sv", "Du ger kunderna ett ungt perspektiv på sparande."),
    ("sv", "Du har koll på hur unga ser på världen."),
    ("sv", "Du har en ung målgrupp som ställer krav."),
    ("sv", "Du är gärna över 50 procent i tjänst på skolan."),
    ("sv", "Du är minst 50 procent tjänstledig."),
    ("sv", "Du är över 30 minuter från kontoret."),
    ("sv", "Du har kommit en bit i projektet."),
    ("sv", "Du hjälper äldre som har kommit upp i åren."),
    ("sv", "Du leder ett team av unga vuxna."),
    ("sv", "Teamet arbetar med unga vuxna i utanförskap."),
    ("sv", "Ett team av socionomer stöttar unga vuxna."),
    ("sv", "Utveckla din karriär hos oss."),
    ("sv", "Din karriär hos oss börjar med en introduktion."),
    ("sv", "Du hjälper unga att ta sitt första kliv in i arbetslivet."),
    ("sv", "Du hjälper unga att ta sitt första steg in i arbetslivet."),
    ("sv", "Du stöttar ungdomar i början av sitt vuxna liv."),
    ("sv", "Du har examen från universitet eller högskola."),
    ("sv", "Vi har tiden på vår sida."),
    ("en", "Our app offers a young perspective on saving."),
    ("en", "You understand how young people see the world."),
    ("en", "You are over 50 percent of the time on the road."),
    ("en", "You are at least 30 minutes from the office."),
    ("en", "Our customers are of a certain age."),
    ("en", "You lead a team of young adults."),
    ("en", "The team works with young adults in care."),
    ("en", "You will restart your career after a break."),
    ("en", "You help young people launch their careers."),
    ("en", "If you're ready to launch your career and make an impact, apply."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_48_KINDS)
def test_stop_48_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_48_LOOK_ALIKES)
def test_stop_48_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


# Stop 48, second part: families of my own sentences that the rules still missed (no set read).
STOP_48_FAMILIES = [
    ("sv", "Du har precis pluggat klart.", "precis pluggat klart"),
    ("sv", "Du har pluggat färdigt i våras.", "pluggat färdigt i våras"),
    ("sv", "Du är nyss utexad.", "nyss utexad"),
    ("sv", "Du är ungefär i vår ålder.", "i vår ålder"),
    ("sv", "Du som är i samma ålder som oss andra söker hit.", "i samma ålder"),
    ("sv", "Du har ett långt yrkesliv framför dig.", "ett långt yrkesliv framför dig"),
    ("sv", "Du har en lång karriär framför dig.", "en lång karriär framför dig"),
    ("sv", "Vi uppmuntrar unga att söka.", "uppmuntrar unga att söka"),
    ("sv", "Vi uppmuntrar särskilt unga att söka tjänsten.", "unga att söka tjänsten"),
    ("en", "You have just finished studying.", "just finished studying"),
    ("en", "You finished your studies this spring.", "finished your studies this spring"),
    ("en", "You are about our age.", "about our age"),
    ("en", "You are roughly the same age as the rest of the team.", "the same age as the rest"),
    ("en", "We encourage young people to apply.", "encourage young people to apply"),
]
STOP_48_FAMILY_LOOK_ALIKES = [
    ("sv", "Du hjälper elever som har pluggat klart."),
    ("sv", "Du har läst klart boken innan mötet."),
    ("sv", "Kunderna är ungefär i vår ålder."),
    ("sv", "Du möter barn i samma ålder som dina egna."),
    ("sv", "Du har en lång resa framför dig hos oss."),
    ("sv", "Du har en spännande karriär framför dig hos oss."),
    ("sv", "Vi uppmuntrar unga att söka sig till yrket."),
    ("sv", "Du uppmuntrar ungdomar att söka stipendier."),
    ("en", "You help pupils who have just finished studying."),
    ("en", "Our customers are about our age."),
    ("en", "We encourage young people to apply for apprenticeships in the trades."),
    ("en", "You encourage young people to apply for grants."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_48_FAMILIES)
def test_stop_48_families_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_48_FAMILY_LOOK_ALIKES)
def test_stop_48_family_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


# Stop 49: set 14's tune half (the team's generation, "senior" of a lady or gentleman, the rules for minors) and
# a clause about others that ends before the employer's own hiring verb; the families written beside them.
STOP_49_KINDS = [
    (
        "sv",
        "Vi är en startup med unga grundare och söker kollegor i samma generation.",
        "kollegor i samma generation",
    ),
    ("sv", "Du får kollegor från din egen generation.", "kollegor från din egen generation"),
    ("sv", "Vi är alla från samma generation.", "Vi är alla från samma generation"),
    ("sv", "Du är i samma generation som oss.", "Du är i samma generation"),
    ("sv", "Vi söker någon i vår generation.", "någon i vår generation"),
    ("sv", "Vi söker en senior dam eller herre som vill arbeta några kvällar i veckan.", "en senior dam"),
    ("sv", "Vi söker en pigg, senior herre till vår reception.", "senior herre"),
    ("sv", "Jobbet passar gymnasieungdomar.", "passar gymnasieungdomar"),
    ("sv", "Vi har många kunder och söker yngre medarbetare.", "yngre"),
    (
        "sv",
        "Vi vill komplettera vår grupp med en senior person med grått i håret som kunderna litar på.",
        "grått i håret",
    ),
    (
        "en",
        "We are a startup with young founders looking for colleagues of the same generation.",
        "of the same generation",
    ),
    ("en", "We want people from our generation.", "people from our generation"),
    ("en", "We're all from the same generation.", "from the same generation"),
    ("en", "We are looking for a senior lady or gentleman for our reception.", "a senior lady"),
    ("en", "We have happy customers and are looking for younger staff.", "younger"),
]
STOP_49_LOOK_ALIKES = [
    ("sv", "Du möter kunder i alla generationer."),
    ("sv", "Produkterna är i samma generation som förra årets."),
    ("sv", "Du säljer till kunder i din generation."),
    ("sv", "Vi är ett familjeföretag i tredje generationen."),
    ("sv", "Vi söker en senior konsult."),
    ("sv", "Du hjälper en senior dam med inköp."),
    ("sv", "Vi erbjuder gympa för seniora damer."),
    ("sv", "Boendet passar gymnasieungdomar med behov av stöd."),
    (
        "sv",
        "Observera att arbetstidsreglerna för minderåriga gör att kvällspass efter klockan 22 inte kan läggas "
        "på den som är under 18.",
    ),
    ("sv", "För minderåriga gäller särskilda regler, så du som är under 18 kan inte arbeta kvällar."),
    ("sv", "Vi hjälper barn och unga."),
    ("sv", "Du hjälper kunder som söker unga."),
    ("sv", "Du blir assistent till en man med grått i håret."),
    ("sv", "Vi vill utöka vår verksamhet med ett boende för yngre."),
    ("en", "Our products are the same generation as last year's."),
    ("en", "We sell to customers of every generation."),
    ("en", "We are looking for a senior engineer."),
    ("en", "You will help a senior lady with her shopping."),
    ("en", "Working-time rules for minors mean that evening shifts cannot be given to anyone under 18."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_49_KINDS)
def test_stop_49_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_49_LOOK_ALIKES)
def test_stop_49_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


def test_stop_49_the_clients_guard_yields_only_to_a_hiring_verb_after_them() -> None:
    # the guard of others named just before the span stands, unless the employer's hiring verb follows them
    assert not [t for t, c in _flags("sv", "Vi har många kunder och yngre medarbetare.") if c == "age"]
    assert [t for t, c in _flags("sv", "Vi har många kunder och söker yngre medarbetare.") if c == "age"]
    assert not [t for t, c in _flags("en", "We have happy customers and younger staff.") if c == "age"]


# Stop 49, second part: career-ahead and degree-window wordings probed beside the kinds above (no set read).
STOP_49_FAMILIES = [
    ("sv", "Du har ditt arbetsliv framför dig.", "ditt arbetsliv framför dig"),
    ("sv", "Du har hela karriären framför dig.", "hela karriären framför dig"),
    ("sv", "Du har högst tre år sedan examen.", "högst tre år sedan examen"),
    ("sv", "Du har max två år efter examen.", "max två år efter examen"),
    ("en", "You have your career ahead of you.", "your career ahead of you"),
]
STOP_49_FAMILY_LOOK_ALIKES = [
    ("sv", "Du har en lång dag framför dig."),
    ("sv", "Vi har ditt arbetsliv i fokus."),
    ("en", "Our customers have their career ahead of them."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_49_FAMILIES)
def test_stop_49_families_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_49_FAMILY_LOOK_ALIKES)
def test_stop_49_family_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]


STOP_50_KINDS = [
    ("sv", "Vi tror att du är en äldre, lugn person med tålamod.", "du är en äldre, lugn person"),
    ("sv", "Är du en äldre man eller kvinna som vill jobba extra?", "Är du en äldre man"),
    ("sv", "Vi letar efter en medarbetare med ungdomens glöd.", "en medarbetare med ungdomens glöd"),
    ("sv", "Butiken behöver kollegor som har ungdomens energi.", "kollegor som har ungdomens energi"),
    ("sv", "Du har gott om år kvar på arbetsmarknaden.", "gott om år kvar på arbetsmarknaden"),
    ("sv", "Vi söker dig med åtskilliga år kvar i yrkeslivet.", "åtskilliga år kvar i yrkeslivet"),
    ("en", "Ideally you have plenty of years left in your career.", "plenty of years left in your career"),
    # "stabil" is no car: the things guard read "sta-bil" as a compound of "bil" (stop 50)
    ("sv", "Vi behöver en stabil kollega med livserfarenhet till kassan.", "med livserfarenhet"),
]
"""Stop 50, kinds from set 15's tune half written as families (fictional sentences): the reader as an older
person; a person noun of the workplace with youth's qualities; many years left in working life in more
quantifiers; an adjective ending in "-bil" is no vehicle."""
STOP_50_LOOK_ALIKES = [
    ("sv", "Du är en äldre kvinnas kontaktperson."),
    ("sv", "Du hjälper en kund som är en äldre man."),
    ("sv", "Du arbetar med unga som har ungdomens energi."),
    ("sv", "Våra deltagare har gott om år kvar i arbetslivet."),
    ("en", "Our clients have plenty of years left in their working lives."),
    ("sv", "Du reparerar sportbilar som är över 30 år."),
]


@pytest.mark.parametrize(("lang", "text", "span"), STOP_50_KINDS)
def test_stop_50_kinds_of_age_coding_are_flagged(lang: str, text: str, span: str) -> None:
    assert any(span.lower() in t.lower() for t, c in _flags(lang, text) if c == "age")


@pytest.mark.parametrize(("lang", "text"), STOP_50_LOOK_ALIKES)
def test_stop_50_look_alikes_get_no_age_flag(lang: str, text: str) -> None:
    assert not [t for t, c in _flags(lang, text) if c == "age"]
