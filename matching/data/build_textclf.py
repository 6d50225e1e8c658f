"""Build the text → occupation classifier (matching/textclf.py) from the repository's own data.

    python -m matching.data.build_textclf [--ontology ../shared/data/jobtech/ontology_termer_koncept_yrke.csv]

Reads only ``matching/data`` (reference data, cue files, real ads) and, when ``--ontology`` is given,
refreshes ``occupation_misspellings.csv.gz`` from the JobTech/Narval ontology's misspelled job titles
(``term_misspelled=True``, JobtechSwe/ontology-files @ 08f20fd : termer_koncept_yrke.csv, JobTech open
data), joined to occupations on the concept's Swedish name. Writes ``textclf.npz`` (the pruned model) and
``textclf.json`` (provenance, sizes, the held-out figures and the thresholds chosen on them).

Samples are (text, SSYK-4 code): every occupation label in every locale (taxonomy labels and synonyms,
the translated labels), SSYK-4 and ISCO group labels, ESCO occupation labels followed to JobTech through
the crosswalk, every cue word, the misspellings, the real ads' titles and descriptions with their
occupations; and ``none`` for texts that name no work (places, languages, licences, education levels,
a few sentences, and words found in the labels of many groups, such as "lärling"). Each text falls, by a
hash of its folded form, into ``train`` (80 %), ``calibrate`` (10 %) or ``test`` (10 %); the test split
is only for ``python -m matching robustness`` and is never used here. Each training text is also added twice corrupted (matching/noise.py, seed 1).

The classifier is one-vs-rest ``LinearSVC`` per class (n_jobs=1), each class's weights pruned to its
``KEEP`` largest; its scores are calibrated by a ``LogisticRegression`` on the calibrate split (clean and
corrupted with seed 2), and the thresholds of the combination with the lexicon (``lexicon_sure``,
``min_probability``, ``yield``: matching/robustness.py ``choose_thresholds``) are picked on the same split.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sp

HERE = Path(__file__).resolve().parent
MISSPELLINGS = HERE / "occupation_misspellings.csv.gz"
KEEP = 1200  # weights kept per class (largest magnitude): the model stays ~1.7 MB, matching/data under 5 MB
COPIES = 2  # seeded corruptions of each training text
SHARED_WORD_GROUPS = 12  # a label word in this many SSYK-4 groups' labels (and no title alone) is a 'none' sample
C = 0.5
SPLITS = (("train", 16), ("calibrate", 18), ("test", 20))  # hash bucket (of 20) below which a text falls
NONE_SENTENCES = {  # texts that name no work, written for Jobbrygga (what people say about themselves besides a trade)
    "sv": ("jag bor i {}", "jag kom till sverige 2019", "jag har tre barn", "jag pratar lite svenska",
           "jag kan börja imorgon", "jag har körkort", "jag studerar sfi", "jag letar efter jobb",
           "jag är punktlig och ärlig", "jag lär mig snabbt", "jag är 19 år", "jag gillar fotboll",
           "jag kan jobba kvällar och helger", "jag har ingen erfarenhet i sverige", "jag är gift",
           "jag tar bussen", "jag vill ha ett fast jobb", "jag gick ut gymnasiet förra året", "jag är flexibel"),
    "en": ("i live in {}", "i came to sweden in 2018", "i have two children", "i speak some swedish",
           "i can start tomorrow", "i am looking for any job", "i study swedish", "any work is fine",
           "i am honest and on time", "i learn fast", "i am 22 years old", "i like to play football",
           "i can work evenings and weekends", "i have no experience in sweden", "i am married",
           "i need a full time job", "i finished school last year", "i am flexible", "i have a car"),
    "ar": ("اسكن في {}", "جيت على السويد من ثلاث سنين", "عندي ولدين", "بحكي سويدي شوي", "بقدر ابدا بكره",
           "اي شغل", "ادرس اللغه السويديه", "انا صادق وملتزم بالمواعيد", "بتعلم بسرعه", "عمري ٢٣ سنه",
           "بحب كرة القدم", "بقدر اشتغل بالليل وبالويكند", "ما عندي خبره بالسويد", "انا متزوج",
           "بدي شغل دايم", "خلصت المدرسه السنه الماضيه", "عندي سياره"),
    "so": ("waxaan ku noolahay {}", "waxaan imid iswiidhan 2017", "waxaan haystaa saddex caruur",
           "waxaan bilaabi karaa berri", "shaqo kasta", "waxaan baranayaa af iswiidhish", "waxaan ahay qof daacad ah",
           "si dhakhso ah ayaan wax u bartaa", "waxaan ahay 24 sano", "kubadda cagta ayaan jeclahay",
           "habeenkii iyo sabtida waan shaqeyn karaa", "khibrad iswiidhan kuma lihi", "waan xaasaystay",
           "waxaan rabaa shaqo joogto ah", "dugsiga ayaan dhammeeyay"),
    "ti": ("ኣብ {} እነብር", "ናብ ሽወደን ኣብ 2019 መጺአ", "ሰለስተ ቆልዑ ኣለዉኒ", "ጽባሕ ክጅምር እኽእል", "ዝኾነ ስራሕ",
           "ሓቀኛን ኣብ ግዜኡ ዝመጽእን እየ", "ቀልጢፈ እመሃር", "ዕድመይ 22 እዩ", "ኩዕሶ እግሪ ይፈቱ", "ምሸትን ቀዳመ ሰንበትን ክሰርሕ እኽእል",
           "ኣብ ሽወደን ተሞክሮ የብለይን", "ተመርዕየ እየ", "ቀዋሚ ስራሕ ይደሊ", "ትምህርቲ ወዲአ"),
    "fa_AF": ("در {} زندگی می کنم", "سال ۲۰۱۹ به سویدن آمدم", "دو طفل دارم", "فردا شروع کرده می توانم",
              "هر کاری", "زبان سویدنی می خوانم", "صادق و وقت شناس هستم", "زود یاد می گیرم", "۲۰ ساله هستم",
              "فوتبال را دوست دارم", "شب ها و آخر هفته کار کرده می توانم", "در سویدن تجربه ندارم", "متاهل هستم",
              "کار دایمی می خواهم", "مکتب را تمام کردم"),
    "uk": ("я живу в {}", "я приїхала до швеції у 2022", "у мене двоє дітей", "можу почати завтра",
           "будь-яка робота", "вивчаю шведську", "я чесна і пунктуальна", "швидко навчаюся", "мені 25 років",
           "люблю футбол", "можу працювати вечорами і на вихідних", "досвіду у швеції немає", "я заміжня",
           "шукаю постійну роботу", "закінчила школу минулого року"),
}


def split_of(text: str) -> str:
    from matching.text import fold

    bucket = int(hashlib.sha1(fold(text).encode("utf-8"), usedforsecurity=False).hexdigest()[:8], 16) % 20  # a split, not a secret
    return next(name for name, limit in SPLITS if bucket < limit)


def _cue_texts(pattern_field: str) -> list[str]:
    out = []
    for pattern in pattern_field.split(";"):
        pattern = pattern.strip().partition("^")[0]
        text = " ".join(w.strip("*=") for w in pattern.split())
        if text.strip():
            out.append(text)
    return out


def read_misspellings() -> list[tuple[str, str]]:
    if not MISSPELLINGS.exists():
        return []
    with gzip.open(MISSPELLINGS, "rt", encoding="utf-8", newline="") as f:
        return [(r["term"], r["occupation_id"]) for r in csv.DictReader(f)]


def write_misspellings(ontology: Path, ref) -> int:
    by_name = defaultdict(set)
    for c in ref.of_type("occupation"):
        for label in ref.labels_for(c.id, "sv"):
            by_name[label.casefold()].add(c.id)
    rows = set()
    with open(ontology, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            ids = by_name.get(r["concept"].casefold(), set())
            if r["term_misspelled"] == "True" and len(ids) == 1:
                rows.add((" ".join(r["term"].split()), next(iter(ids))))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["term", "occupation_id"])
    w.writerows(sorted(rows))
    with gzip.GzipFile(MISSPELLINGS, "wb", mtime=0) as f:
        f.write(buf.getvalue().encode("utf-8"))
    return len(rows)


def samples(ref) -> list[tuple[str, str, str, str]]:
    """(text, SSYK-4 code or 'none', locale, source), deduplicated, in a fixed order."""
    from matching.lexicon import CUES_FILE, GENERATED_CUES
    from matching.taxonomy import iter_platsbanken_ads

    def group_of(occ):
        g = ref.ancestor_of_type(occ, "ssyk4")
        return g.code if g is not None else None

    out: list[tuple[str, str, str, str]] = []
    for occ in ref.of_type("occupation"):
        code = group_of(occ.id)
        for locale, labels in sorted(ref.labels.get(occ.id, {}).items()):
            out.extend((label, code, locale, "occupation_label") for label in labels if code)
    for g in ref.of_type("ssyk4"):
        for locale, labels in sorted(ref.labels.get(g.id, {}).items()):
            out.extend((label, g.code, locale, "group_label") for label in labels)
    isco_to_ssyk = defaultdict(set)
    for g, targets in ref.relations.get("isco", {}).items():
        for isco, _ in targets:
            isco_to_ssyk[isco].add(ref.get(g).code)
    esco_to_ssyk = defaultdict(Counter)
    for kind in ("esco_exact", "esco_close", "esco_narrow"):
        for occ, targets in ref.relations.get(kind, {}).items():
            concept = ref.get(occ)
            if concept is None or concept.type != "occupation" or not group_of(occ):
                continue
            for esco, _ in targets:
                esco_to_ssyk[esco][group_of(occ)] += 1
    for c in ref.of_type("esco_occupation"):
        groups = esco_to_ssyk.get(c.id)
        if not groups:
            continue
        code = groups.most_common(1)[0][0]
        for locale, labels in sorted(ref.labels.get(c.id, {}).items()):
            out.extend((label, code, locale, "esco_label") for label in labels)
    for c in ref.of_type("isco_group"):
        codes = isco_to_ssyk.get(c.id, set())
        if len(codes) == 1:
            for locale, labels in sorted(ref.labels.get(c.id, {}).items()):
                out.extend((label, next(iter(codes)), locale, "isco_label") for label in labels)
    for path in (CUES_FILE, *GENERATED_CUES):
        with open(path, encoding="utf-8", newline="") as f:
            rows = [line for line in f if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(rows):
            codes = []
            for target in row["target"].split("|"):
                if target.isdigit() and len(target) == 4:
                    codes.append(target)
                elif ref.get(target) is not None and group_of(target):
                    codes.append(group_of(target))
            for text in _cue_texts(row["patterns"]):
                out.extend((text, code, row["locale"], "cue") for code in codes)
    for term, occ in read_misspellings():
        if group_of(occ):
            out.append((term, group_of(occ), "sv", "misspelling"))
    for ad in iter_platsbanken_ads():
        code = group_of(ad.get("occupation") or "")
        if code:
            out.append((ad["title"], code, "sv", "ad_title"))
            out.append((" ".join((ad.get("description") or "").split())[:600], code, "sv", "ad_description"))
    # a word found in the labels of many groups ("lärling", "assistant", "chef") names none of them alone
    from matching.text import words

    groups_of_word = defaultdict(set)
    for text, code, _, source in out:
        if source in ("occupation_label", "esco_label", "group_label"):
            for w in set(words(text)):
                if len(w) >= 3:
                    groups_of_word[w].add(code)
    whole = {" ".join(words(text)) for text, code, _, _ in out if code != "none"}  # words that are a title on their own
    out.extend((w, "none", "any", "shared_word") for w, codes in sorted(groups_of_word.items())
               if len(codes) >= SHARED_WORD_GROUPS and w not in whole)
    places = [ref.label(c.id, "sv") for t in ("municipality", "county") for c in ref.of_type(t)]
    for t in ("municipality", "county", "language", "driving_licence", "education_level"):
        for c in ref.of_type(t):
            for locale, labels in sorted(ref.labels.get(c.id, {}).items()):
                out.extend((label, "none", locale, "none_label") for label in labels[:2])
    rng = random.Random(0)
    for locale, sentences in NONE_SENTENCES.items():
        for s in sentences:
            for _ in range(3 if "{}" in s else 1):
                out.append((s.format(rng.choice(places)), "none", locale, "none_sentence"))
    seen, unique = set(), []
    for text, code, locale, source in out:
        text = " ".join(str(text).split())
        if text and (text.casefold(), code) not in seen:
            seen.add((text.casefold(), code))
            unique.append((text, code, locale, source))
    return unique


def corrupted(items, seed: int, clean: bool, copies: int = 1):
    """Each item ``copies`` times corrupted by a seeded kind (and clean too when ``clean``):
    (text, code, locale, kind)."""
    from matching.noise import corrupt, kinds_for

    rng = random.Random(seed)
    out = []
    for text, code, locale, source in items:
        if clean:
            out.append((text, code, locale, "clean"))
        if source == "ad_description":
            continue
        for _ in range(copies):
            kind = rng.choice(kinds_for(text, locale))
            out.append((corrupt(text, kind, rng, locale), code, locale, kind))
    return out


def train(texts: list[str], codes: list[str]):
    """One-vs-rest LinearSVC over hashed n-grams, each class pruned to KEEP weights:
    (csr weights, intercepts, classes)."""
    from sklearn.svm import LinearSVC

    from matching.textclf import N_FEATURES, vectorizer

    x = vectorizer().transform(texts).tocsc()
    used = np.flatnonzero(np.diff(x.indptr))
    x = x[:, used].tocsr()
    classes = sorted(set(codes))
    y = np.asarray(codes)
    rows, cols, vals, intercepts = [], [], [], []
    for j, cls in enumerate(classes):
        target = (y == cls).astype(np.int8)
        svm = LinearSVC(C=C, loss="squared_hinge", dual=True, max_iter=2000, random_state=0, tol=1e-3)
        svm.fit(x, target)
        w = svm.coef_.ravel()
        keep = np.argsort(-np.abs(w), kind="stable")[:KEEP]
        keep = keep[w[keep] != 0]
        rows.append(used[keep])
        cols.append(np.full(len(keep), j))
        vals.append(w[keep])
        intercepts.append(float(svm.intercept_[0]))
    weights = sp.csr_matrix((np.concatenate(vals).astype(np.float16).astype(np.float32),  # as shipped
                             (np.concatenate(rows), np.concatenate(cols))), shape=(N_FEATURES, len(classes)))
    return weights, np.asarray(intercepts, dtype=np.float32), classes


def prune(weights: sp.csr_matrix, keep: int = KEEP) -> sp.csr_matrix:
    """Each class's (column's) ``keep`` largest weights by magnitude."""
    csc = sp.csc_matrix(weights)
    rows, cols, vals = [], [], []
    for j in range(csc.shape[1]):
        r = csc.indices[csc.indptr[j]:csc.indptr[j + 1]]
        v = csc.data[csc.indptr[j]:csc.indptr[j + 1]]
        top = np.lexsort((r, -np.abs(v)))[:keep]
        rows.append(r[top])
        cols.append(np.full(len(top), j))
        vals.append(v[top])
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=csc.shape)


def calibrate(model, texts: list[str], codes: list[str]):
    """LogisticRegression on the top-3 (score, margin) features: is this class the right one?"""
    from sklearn.linear_model import LogisticRegression

    from matching.textclf import calibration_features

    scores = model.decision_function(texts)
    cols, feats = calibration_features(scores)
    truth = np.asarray([[model.classes[c] == code for c in row] for row, code in zip(cols, codes)])
    lr = LogisticRegression(C=1.0, max_iter=1000)
    lr.fit(feats.reshape(-1, feats.shape[-1]), truth.ravel())
    probs = lr.predict_proba(feats.reshape(-1, feats.shape[-1]))[:, 1]
    # reliability on the split itself: mean predicted vs observed, in five bins
    bins = np.minimum((probs * 5).astype(int), 4)
    reliability = [{"bin": f"{b / 5:.1f}-{(b + 1) / 5:.1f}", "n": int((bins == b).sum()),
                    "predicted": round(float(probs[bins == b].mean()), 3) if (bins == b).any() else None,
                    "observed": round(float(truth.ravel()[bins == b].mean()), 3) if (bins == b).any() else None}
                   for b in range(5)]
    return lr.coef_.ravel(), float(lr.intercept_[0]), reliability


def save(weights: sp.csr_matrix, intercepts: np.ndarray, meta: dict) -> None:
    from matching.textclf import MODEL_FILE

    csr = weights.tocsr()
    np.savez_compressed(MODEL_FILE, data=csr.data.astype(np.float16), indices=csr.indices.astype(np.int32),
                        indptr=csr.indptr.astype(np.int32), shape=np.asarray(csr.shape), intercept=intercepts,
                        meta=np.asarray(json.dumps(meta)))


def main(argv=None) -> int:
    from matching.robustness import choose_thresholds
    from matching.taxonomy import reference_data
    from matching.textclf import MODEL_FILE, REPORT_FILE, TextOccupationModel

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ontology", type=Path, help="termer_koncept_yrke.csv to refresh the misspellings from")
    p.add_argument("--thresholds-only", action="store_true",
                   help="keep the trained weights and calibration, choose the thresholds again")
    p.add_argument("--prune-only", action="store_true",
                   help="keep the trained weights' KEEP largest per class, calibrate and choose thresholds again "
                        "(the same weights a full build with that KEEP gives)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    ref = reference_data()
    if args.ontology:
        print("misspellings:", write_misspellings(args.ontology, ref))
    items = samples(ref)
    parts = defaultdict(list)
    for item in items:
        parts[split_of(item[0])].append(item)
    calib_items = corrupted(parts["calibrate"], seed=2, clean=True)
    if args.prune_only:
        old = TextOccupationModel.load(MODEL_FILE)
        weights = prune(old.weights)
        model = TextOccupationModel(weights, old.intercept, old.classes, (np.zeros(2), 0.0), {})
        coef, bias, reliability = calibrate(model, [t for t, *_ in calib_items], [c for _, c, *_ in calib_items])
        model.coef, model.bias = coef, bias
        thresholds, grid = choose_thresholds(model, calib_items)
        save(weights, old.intercept, {"classes": old.classes, "calibration_coef": coef.tolist(),
                                      "calibration_bias": bias, "thresholds": thresholds})
        report = json.loads(REPORT_FILE.read_text(encoding="utf-8"))
        report.update(classifier=f"one-vs-rest LinearSVC(C={C}) per class, {KEEP} largest weights kept, float16",
                      weights=int(weights.nnz), reliability_on_calibrate=reliability, thresholds=thresholds,
                      threshold_grid=grid)
        REPORT_FILE.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps({"thresholds": thresholds, "weights": int(weights.nnz)}))
        return 0
    if args.thresholds_only:
        model = TextOccupationModel.load(MODEL_FILE)
        thresholds, grid = choose_thresholds(model, calib_items)
        meta = {"classes": model.classes, "calibration_coef": model.coef.tolist(), "calibration_bias": model.bias,
                "thresholds": thresholds}
        save(model.weights, model.intercept, meta)
        report = json.loads(REPORT_FILE.read_text(encoding="utf-8"))
        report.update(thresholds=thresholds, threshold_grid=grid)
        REPORT_FILE.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps(thresholds))
        return 0
    train_items = corrupted(parts["train"], seed=1, clean=True, copies=COPIES)
    print(f"samples {len(items)} (train {len(parts['train'])}, calibrate {len(parts['calibrate'])}, "
          f"test {len(parts['test'])}); training texts {len(train_items)}", flush=True)
    weights, intercepts, classes = train([t for t, *_ in train_items], [c for _, c, *_ in train_items])
    print(f"trained {len(classes)} classes in {time.perf_counter() - t0:.0f} s, {weights.nnz} weights", flush=True)
    model = TextOccupationModel(weights, intercepts, classes, (np.zeros(2), 0.0), {})
    coef, bias, reliability = calibrate(model, [t for t, *_ in calib_items], [c for _, c, *_ in calib_items])
    model.coef, model.bias = coef, bias
    thresholds, grid = choose_thresholds(model, calib_items)
    meta = {"classes": classes, "calibration_coef": coef.tolist(), "calibration_bias": bias, "thresholds": thresholds}
    save(weights, intercepts, meta)
    report = {
        "built_by": "python -m matching.data.build_textclf", "features": "HashingVectorizer char_wb 2-5, 2**20, folded",
        "classifier": f"one-vs-rest LinearSVC(C={C}) per class, {KEEP} largest weights kept, float16",
        "calibration": "LogisticRegression on (score, margin) of the 3 best classes, calibrate split",
        "samples": dict(Counter(s for *_, s in items)), "splits": {k: len(v) for k, v in parts.items()},
        "training_texts": len(train_items), "classes": len(classes), "weights": int(weights.nnz),
        "reliability_on_calibrate": reliability, "thresholds": thresholds, "threshold_grid": grid,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    REPORT_FILE.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("thresholds", "weights", "seconds", "reliability_on_calibrate")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
