#!/usr/bin/python3
# Our citations read back by the tools people use, not only compared with
# golden files: pandoc's citeproc reads the CSL-JSON and the BibTeX as a
# bibliography, Debian's bibtexparser reads the BibTeX field for field,
# and citation.js's RIS plugin (run with Node) reads the RIS.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import shutil
import subprocess
import sys
import tempfile

clipper = os.environ["CLIPPER_BIN"]
fixtures = os.path.join(os.environ["G_TEST_SRCDIR"], "fixtures")
work = tempfile.mkdtemp(prefix="clipper-cite-")
library = os.path.join(work, "library.db")
failures = []


def run(*args, check=True):
    result = subprocess.run([clipper, "--library", library, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit("clipper %s failed: %s" % (" ".join(args), result.stderr))
    return result.stdout


def expect(what, got, wanted):
    if got != wanted:
        failures.append("%s: got %r, wanted %r" % (what, got, wanted))


# Three clippings, with the names, dates and characters that break writers.
run("clip", os.path.join(fixtures, "news-jsonld.html"), "--url", "https://news.example/2025/glaciers")
run("clip", os.path.join(fixtures, "blogger-post.html"), "--url", "https://worlddesk.example/2025/02/post.html")
run("clip", os.path.join(fixtures, "article.html"), "--url", "https://example.org/essay")
run("cite", "1", "--set", "authors=de la Fontaine, Jean-Paul; Müller, Zoë; {World Glacier Monitoring Service}",
    "--set", "title=Ice & fire: 50% of $ spent on {glaciers} #2_b ~c^d \\e")
run("cite", "2", "--set", "issued=2019", "--set", "authors=Okafor, Ngozi")
run("cite", "3", "--set", "issued=", "--set", "authors={Editors of Example}", "--set", "accessed=2026-01-31",
    "--set", "container=Example Essays")
run("cite", "2", "--set", "container=The World Desk")

# Bad input: a clear one-line error, and nothing changed.
before = run("cite", "2")
for args in (("cite", "2", "--set", "issued=2025-13"), ("cite", "2", "--set", "colour=red"),
             ("cite", "2", "--set", "key=has space"), ("cite", "2", "--set", "title"),
             ("cite", "2", "--format", "endnote"), ("cite", "99"),
             ("export", "--search", "nothing-matches-this", "--format", "bibtex")):
    result = subprocess.run([clipper, "--library", library, *args], capture_output=True, text=True)
    if result.returncode == 0 or not result.stderr.endswith("\n") or result.stderr.count("\n") != 1:
        failures.append("%s: wanted one line of error, got %d: %r" % (" ".join(args), result.returncode, result.stderr))
expect("citation after bad input", run("cite", "2"), before)
taken = subprocess.run([clipper, "--library", library, "cite", "2", "--set",
                        "key=" + run("cite", "1", "--format", "csl-json").split('"id" : "')[1].split('"')[0]],
                       capture_output=True, text=True)
expect("a key another clipping has is refused", taken.returncode != 0 and "taken" in taken.stderr, True)

csl_path = os.path.join(work, "refs.json")
bib_path = os.path.join(work, "refs.bib")
ris_path = os.path.join(work, "refs.ris")
for fmt, path in (("csl-json", csl_path), ("bibtex", bib_path), ("ris", ris_path)):
    run("export", "--all", "--format", fmt, "--output", path)

with open(csl_path, encoding="utf-8") as f:
    items = {item["id"]: item for item in json.load(f)}
expect("items", len(items), 3)
by_title = {item["title"]: item for item in items.values()}
ice = by_title["Ice & fire: 50% of $ spent on {glaciers} #2_b ~c^d \\e"]
expect("particle family", ice["author"][0], {"non-dropping-particle": "de la", "family": "Fontaine", "given": "Jean-Paul"})
expect("organisation", ice["author"][2], {"literal": "World Glacier Monitoring Service"})
year_only = [item for item in items.values() if item["author"] == [{"family": "Okafor", "given": "Ngozi"}]][0]
expect("year only", year_only["issued"], {"date-parts": [[2019]]})
undated = [item for item in items.values() if item["author"] == [{"literal": "Editors of Example"}]][0]
expect("no date", "issued" in undated, False)
expect("accessed set", undated["accessed"], {"date-parts": [[2026, 1, 31]]})


def pandoc_bibliography(bibliography):
    doc = os.path.join(work, "doc.md")
    with open(doc, "w", encoding="utf-8") as f:
        f.write("---\nnocite: '@*'\n---\n\n# References\n")
    result = subprocess.run(["pandoc", "--citeproc", "--bibliography", bibliography, "-t", "plain", "--wrap=none",
                             doc], capture_output=True, text=True)
    if result.returncode != 0:
        failures.append("pandoc could not read %s: %s" % (bibliography, result.stderr))
    return result.stdout


if shutil.which("pandoc"):
    for path in (csl_path, bib_path):
        text = pandoc_bibliography(path)
        name = os.path.basename(path)
        # pandoc's default style, Chicago author-date.
        for wanted in ("Fontaine, Jean-Paul de la, Zoë Müller, and World Glacier Monitoring Service. 2025.",
                       "Ice & Fire: 50% of $ Spent on {Glaciers} #2_b ~c^d \\e",
                       "Okafor, Ngozi. 2019.", "Editors of Example. n.d.", "Accessed January 31, 2026.",
                       "https://news.example/2025/glaciers"):
            if wanted not in text:
                failures.append("pandoc's bibliography from %s lacks %r:\n%s" % (name, wanted, text))
else:
    failures.append("pandoc is not installed")

try:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    def unescape(text):
        for escaped, plain in (("\\textbackslash{}", "\\"), ("\\textasciicircum{}", "^"),
                               ("\\textasciitilde{}", "~"), ("\\{", "{"), ("\\}", "}"), ("\\$", "$"),
                               ("\\&", "&"), ("\\%", "%"), ("\\#", "#"), ("\\_", "_")):
            text = text.replace(escaped, plain)
        return text

    parser = BibTexParser(common_strings=False)
    parser.ignore_nonstandard_types = False
    with open(bib_path, encoding="utf-8") as f:
        entries = {entry["ID"]: entry for entry in bibtexparser.load(f, parser=parser).entries}
    expect("bibtex entries", sorted(entries), sorted(items))
    for key, item in items.items():
        entry = entries.get(key, {})
        expect(key + " url", entry.get("url"), item["URL"])
        expect(key + " date", entry.get("date"), "-".join("%02d" % p if i else str(p)
                                                          for i, p in enumerate(item["issued"]["date-parts"][0]))
               if "issued" in item else None)
        accessed = item["accessed"]["date-parts"][0]
        expect(key + " urldate", entry.get("urldate"), "%d-%02d-%02d" % tuple(accessed))
        names = " and ".join(a["literal"] if "literal" in a else "%s, %s" % (a["family"], a["given"])
                             for a in item["author"])
        # An organisation is braced whole; a person is "Family, Given".
        expect(key + " authors", unescape(entry.get("author", "")),
               " and ".join("{%s}" % a["literal"] if "literal" in a else
                            "%s, %s" % (" ".join(filter(None, (a.get("non-dropping-particle"), a["family"]))),
                                        a["given"])
                            for a in item["author"]))
        expect(key + " title", unescape(entry.get("title", "")), item["title"])
except ImportError:
    failures.append("python3-bibtexparser is not installed")

node_modules = os.environ.get("CLIPPER_TEST_NODE_MODULES")
if node_modules and os.path.isdir(os.path.join(node_modules, "@citation-js", "plugin-ris")):
    script = """
const {Cite} = require('@citation-js/core');
require('@citation-js/plugin-ris');
require('@citation-js/plugin-csl');
const fs = require('fs');
const cite = new Cite(fs.readFileSync(process.argv[1], 'utf8'), {forceType: '@ris/file'});
process.stdout.write(JSON.stringify(cite.data));
"""
    result = subprocess.run(["node", "-e", script, ris_path], capture_output=True, text=True,
                            env=dict(os.environ, NODE_PATH=node_modules))
    if result.returncode != 0:
        failures.append("citation.js could not read the RIS: " + result.stderr)
    else:
        read = json.loads(result.stdout)
        by_url = {item["URL"]: item for item in items.values()}
        expect("ris items", len(read), 3)
        # citation.js reads each RIS type by the spec's table for it: it
        # takes no author for NEWS, only the year (PY) as its date, and no
        # Y2 access date for ELEC. Those fields are checked where it reads
        # them.
        for got in read:
            wanted = by_url.get(got.get("URL"))
            if wanted is None:
                failures.append("RIS item with an address we did not write: %r" % got.get("URL"))
                continue
            expect("ris title", got.get("title"), wanted["title"])
            expect("ris type", got.get("type"), wanted["type"])
            if wanted["type"] != "article-newspaper":
                expect("ris authors",
                       [a.get("literal") or (a.get("family"), a.get("given")) for a in got.get("author", [])],
                       [a.get("literal") or (a.get("family"), a.get("given")) for a in wanted["author"]])
            if "issued" in wanted:
                expect("ris issued year", got.get("issued", {}).get("date-parts", [[None]])[0][0],
                       wanted["issued"]["date-parts"][0][0])
            if wanted["type"] != "webpage":
                expect("ris accessed", (got.get("accessed") or {}).get("date-parts"), wanted["accessed"]["date-parts"])
else:
    print("# citation.js is not installed: the RIS is not read back (CLIPPER_TEST_NODE_MODULES)")

# Formatted references: citeproc-js (ours) and pandoc's citeproc (another
# implementation) agree on the same items and styles.
doc = os.path.join(work, "nocite.md")
with open(doc, "w", encoding="utf-8") as f:
    f.write("---\nnocite: '@*'\n---\n")
styles = os.environ.get("CLIPPER_CSL_STYLES_DIR", "/usr/share/citation-style-language/styles")
# (Harvard, Cite Them Right is left out: the two processors sort a family
# name with a particle and put the serial comma before an organisation
# differently there.)
for style in ("apa", "chicago-author-date", "ieee"):
    csl = os.path.join(styles, style + ".csl")
    if not os.path.exists(csl):
        failures.append("the style %s is not installed (citation-style-language-styles)" % style)
        continue
    ours = [line for line in run("export", "--all", "--format", "references", "--style", style).split("\n") if line]
    theirs = subprocess.run(["pandoc", "--citeproc", "--csl", csl, "--bibliography", csl_path, "-t", "plain",
                             "--wrap=none", doc], capture_output=True, text=True).stdout
    theirs = [line for line in theirs.split("\n") if line]
    # Title case after a literal brace is where the two differ ("{glaciers}"
    # against "{Glaciers}"): such lines are compared without case.
    fold = lambda lines: [line.casefold() if "{" in line else line for line in lines]
    expect("%s references, ours and pandoc's" % style, fold(ours), fold(theirs))

# Many clippings with no author and one address, through the whole
# command line (test-csl-engine feeds the module the thousand that
# crashed JavaScriptCore's JIT): every one formatted.
many = os.path.join(work, "many.db")
page = os.path.join(work, "page.html")
for i in range(60):
    with open(page, "w", encoding="utf-8") as f:
        f.write("<html><head><title>Article number %d about defence</title></head><body><article><p>%s</p>"
                "</article></body></html>" % (i, "Words about defence, budgets and alliances. " * 30))
    subprocess.run([clipper, "--library", many, "clip", "--new", page, "--url", "https://news.example.org/article"],
                   capture_output=True, check=True)
result = subprocess.run([clipper, "--library", many, "export", "--all", "--format", "references", "--style", "apa"],
                        capture_output=True, text=True)
expect("60 authorless references formatted", (result.returncode, len(result.stdout.splitlines())), (0, 60))

# Styles that cannot be used: a clear error, nothing printed.
broken = os.path.join(work, "broken.csl")
with open(broken, "w") as f:
    f.write("<style><not closed")
wrong = os.path.join(work, "wrong.csl")
with open(wrong, "w") as f:
    f.write('<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info/></style>')
for style in ("no-such-style", broken, wrong, os.path.join(work, "missing.csl"), "../apa"):
    result = subprocess.run([clipper, "--library", library, "cite", "1", "--style", style], capture_output=True,
                            text=True)
    if result.returncode == 0 or result.stdout or result.stderr.count("\n") != 1:
        failures.append("style %s: wanted one line of error and no output, got %d: %r %r"
                        % (style, result.returncode, result.stdout, result.stderr))

# A report: in-text citations, each clipping's reference, links to the
# passages, the bibliography; and the pandoc form, which pandoc cites.
run("highlight", "1", "--quote", "Ice", "--color", "blue", "--tag", "methods", "--note", "Worth **checking**.",
    check=False)
highlighted = run("highlights", "2").strip() or run("highlight", "2", "--quote", "US defence chief", "--tag", "methods")
report = os.path.join(work, "report.md")
run("report", "--all", "--output", report, "--style", "apa", "--title", "Sources")
with open(report, encoding="utf-8") as f:
    text = f.read()
for wanted in ("# Sources", "(Okafor, 2019)", "## References", "Okafor, N. (2019).", "#:~:text=",
               "*Yellow · methods*"):
    if wanted not in text:
        failures.append("the report lacks %r:\n%s" % (wanted, text))
html = subprocess.run(["cmark", report], capture_output=True, text=True)
expect("the report is CommonMark", html.returncode, 0)
pandoc_report = os.path.join(work, "pandoc-report.md")
run("report", "--all", "--group-by", "tag", "--citations", "pandoc", "--output", pandoc_report)
expect("references.json beside the report", os.path.exists(os.path.join(work, "references.json")), True)
rendered = subprocess.run(["pandoc", "--citeproc", "-t", "plain", "--wrap=none", "--resource-path", work, pandoc_report],
                          capture_output=True, text=True, cwd=work)
for wanted in ("(Okafor 2019)", "Okafor, Ngozi. 2019.", "methods"):
    if wanted not in rendered.stdout:
        failures.append("pandoc's rendering of the pandoc report lacks %r:\n%s%s"
                        % (wanted, rendered.stdout, rendered.stderr))
pdf_report = os.path.join(work, "report.pdf")
run("report", "--all", "--group-by", "tag", "--format", "pdf", "--output", pdf_report, "--title", "Sources")
pdf_text = subprocess.run(["pdftotext", pdf_report, "-"], capture_output=True, text=True).stdout
for wanted in ("Sources", "methods", "(Okafor, 2019)", "References", "Okafor, N. (2019)."):
    if wanted not in pdf_text:
        failures.append("the PDF report lacks %r:\n%s" % (wanted, pdf_text))
with open(pdf_report, "rb") as f:
    expect("the PDF report links to the passages", b"#:~:text=" in f.read(), True)
nothing = subprocess.run([clipper, "--library", library, "report", "zzzz-nothing", "--output",
                          os.path.join(work, "none.md")], capture_output=True, text=True)
expect("a report of nothing fails", nothing.returncode != 0 and not os.path.exists(os.path.join(work, "none.md")),
       True)

# Chosen clippings, in the order chosen; one that is not there, or a
# choice and a search at once, is refused and writes nothing.
chosen = os.path.join(work, "chosen.md")
run("report", "--id", "3", "--id", "2", "--output", chosen, "--title", "Chosen")
with open(chosen, encoding="utf-8") as f:
    text = f.read()
essay, desk = text.find("Example Essays"), text.find("The World Desk")
expect("the chosen clippings in the order chosen", 0 <= essay < desk, True)
expect("only the chosen clippings", "Ice & fire" in text, False)
for args in (("--id", "99"), ("--id", "2", "glaciers"), ("--id", "2", "--all"), ("--id", "two")):
    refused = os.path.join(work, "refused.md")
    result = subprocess.run([clipper, "--library", library, "report", *args, "--output", refused],
                            capture_output=True, text=True)
    if result.returncode == 0 or os.path.exists(refused) or result.stderr.strip().count("\n") != 0:
        failures.append("report %s: wanted one line of error and no file, got %d: %r"
                        % (" ".join(args), result.returncode, result.stderr))

shutil.rmtree(work)
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok: pandoc, bibtexparser%s read our citations back" % (" and citation.js" if node_modules else ""))
