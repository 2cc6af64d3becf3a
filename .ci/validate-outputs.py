"""Validates aiact's CI outputs with the tools their consumers use.

Usage: python3 .ci/validate-outputs.py OUTPUTS_DIR CORPUS_DIR MULTITOOL

OUTPUTS_DIR holds NAME.sarif and NAME.xml for each example. Each SARIF file must be valid
against the SARIF 2.1.0 schema of the corpus and give no error or warning under the SARIF
Multitool's GitHub ingestion rules (`validate --rule-kind "Gh;Sarif"`, what
github/codeql-action/upload-sarif enforces); each JUnit file must be valid against Jenkins'
junit-10.xsd, with suite counts that add up to the root's. Any problem fails CI.
"""

import json
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import xmlschema


def multitool_problems(multitool: str, sarif: pathlib.Path) -> list[str]:
    result = sarif.with_suffix(".multitool.sarif")
    result.unlink(missing_ok=True)
    # The native binary, not the npm wrapper: the wrapper splits ";" in a shell.
    run = subprocess.run(
        [multitool, "validate", "--rule-kind", "Gh;Sarif", "--output", str(result), str(sarif)],
        capture_output=True,
        text=True,
    )
    if not result.exists():
        return [f"the Multitool wrote no result (exit {run.returncode}): {run.stdout}{run.stderr}"]
    problems = []
    for run_log in json.loads(result.read_text())["runs"]:
        for found in run_log.get("results", []):
            level = found.get("level", "warning")
            if level in ("error", "warning"):
                message = found.get("message", {})
                problems.append(f"{found.get('ruleId')} {level}: {json.dumps(message)[:300]}")
    return problems


def junit_problems(schema: xmlschema.XMLSchema, path: pathlib.Path) -> list[str]:
    problems = [str(e).splitlines()[0] for e in schema.iter_errors(str(path))]
    root = ET.parse(path).getroot()
    suites = root.findall("testsuite")
    for attribute in ("tests", "failures"):
        total = sum(int(s.get(attribute, "0")) for s in suites)
        if str(total) != root.get(attribute):
            problems.append(f"<testsuites {attribute}={root.get(attribute)}> but the suites add up to {total}")
    for suite in suites:
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for attribute, count in counted.items():
            if suite.get(attribute) != str(count):
                problems.append(f"suite {suite.get('name')}: {attribute}={suite.get(attribute)} but it holds {count}")
    return problems


def main() -> int:
    outputs, corpus, multitool = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
    sarif_schema = json.loads((corpus / "schemas/sarif-schema-2.1.0.json").read_text())
    junit_schema = xmlschema.XMLSchema(str(corpus / "schemas/junit-10.xsd"))
    failed = False
    for sarif in sorted(outputs.glob("*.sarif")):
        if sarif.name.endswith(".multitool.sarif"):
            continue
        problems = [e.message for e in jsonschema.Draft7Validator(sarif_schema).iter_errors(json.loads(sarif.read_text()))]
        problems += multitool_problems(multitool, sarif)
        results = len(json.loads(sarif.read_text())["runs"][0]["results"])
        print(f"{sarif.name}: {results} results, {len(problems)} problems (SARIF 2.1.0 schema, Multitool Gh;Sarif)")
        for problem in problems:
            print(f"  {problem}")
        failed |= bool(problems)
    for junit in sorted(outputs.glob("*.xml")):
        problems = junit_problems(junit_schema, junit)
        print(f"{junit.name}: {len(problems)} problems (junit-10.xsd, counts)")
        for problem in problems:
            print(f"  {problem}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
