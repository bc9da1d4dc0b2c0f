#!/usr/bin/env python3
"""Rebuilds tests/realworld from local git mirrors of the source repositories (see index.yaml).

Usage: collect.py MIRROR_ROOT   (MIRROR_ROOT/<owner>+<name>/repo are bare git directories)
Picks every template that defines a Lambda function: cfn-lint's test/fixtures/templates/good,
all SAM/CloudFormation files of serverless-samples and sessions-with-aws-sam, and the
aws-sam-cli-app-templates cookiecutter templates rendered with their cookiecutter.json defaults
(one architecture, x86_64, as `sam init` passes it), folded when they differ only in runtime,
handler or build settings. Skips node_modules, build specs, OpenAPI files and files over 200 kB.
"""
import hashlib, json, os, re, subprocess, sys
import jinja2

mirrors = sys.argv[1]
root = os.path.dirname(os.path.abspath(__file__))
repos = ["aws/aws-sam-cli-app-templates", "aws-samples/serverless-samples",
         "aws-samples/sessions-with-aws-sam", "aws-cloudformation/cfn-lint"]
skip = re.compile(r'node_modules|\.github|buildspec|samconfig|package|tsconfig|openapi|swagger|/events?/|docker|'
                  r'\.vscode|cookiecutter\.json|test/fixtures/results|schemas/', re.I)

def git(g, *a):
    return subprocess.check_output(["git", "--git-dir", g, *a])

env = jinja2.Environment(undefined=jinja2.ChainableUndefined, extensions=['jinja2.ext.do'])
entries = []
for name in repos:
    g = f"{mirrors}/{name.replace('/', '+')}/repo"
    commit = git(g, "rev-parse", "HEAD").decode().strip()
    short = name.split("/")[1]
    os.makedirs(f"{root}/{short}", exist_ok=True)
    open(f"{root}/{short}/LICENSE", "wb").write(git(g, "show", "HEAD:LICENSE"))
    files = git(g, "ls-tree", "-r", "-z", "--name-only", "HEAD").decode().split("\0")
    fs = set(files)
    seen = set()
    for f in files:
        rendered = False
        if name.endswith("app-templates"):
            if not re.search(r'template\.ya?ml$', f):
                continue
            t = git(g, "show", f"HEAD:{f}").decode()
            parts = f.split("/")
            ctx = {}
            for i in range(len(parts) - 1, 0, -1):
                c = "/".join(parts[:i]) + "/cookiecutter.json"
                if c in fs:
                    ctx = json.loads(git(g, "show", f"HEAD:{c}").decode())
                    break
            d = {k: (v[0] if isinstance(v, list) and v else v) for k, v in ctx.items()}
            d["project_name"] = "sam-app"
            d["architectures"] = {"value": ["x86_64"]}
            for k, v in list(d.items()):
                if isinstance(v, str) and "{{" in v:
                    d[k] = env.from_string(v).render(cookiecutter=d)
            t = env.from_string(t).render(cookiecutter=d)
            rendered = True
            key = re.sub(r'(Runtime|Handler|CodeUri|Description|DockerTag|DockerContext|Dockerfile|BuildMethod|'
                         r'Tracing|Architectures|- x86_64|- arm64|ImageUri|PackageType|Metadata|BuildProperties|'
                         r'Minify|Target|Sourcemap|EntryPoints|- app\.\w+|Format|External).*', '', t)
        else:
            if not re.search(r'\.(ya?ml|json)$', f) or skip.search(f):
                continue
            if name.endswith("cfn-lint") and "fixtures/templates/good" not in f:
                continue
            try:
                t = git(g, "show", f"HEAD:{f}").decode("utf-8")
            except Exception:
                continue
            if "{{" in t or "{%" in t:
                continue
            key = t
        if not re.search(r'AWS::(Serverless::Function|Lambda::Function)', t):
            continue
        if not re.search(r'^\s*"?Resources"?\s*:', t, re.M) or len(t) > 200000:
            continue
        h = hashlib.sha1(key.encode()).hexdigest()
        if h in seen:
            continue
        seen.add(h)
        local = re.sub(r'\{\{\s*cookiecutter\.\w+\s*\}\}', 'sam-app', f)
        dest = f"{root}/{short}/{local}"
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        open(dest, "w").write(t)
        entries.append((f"{short}/{local}", name, f, commit, rendered))
print(len(entries), "templates")
json.dump(entries, open(f"{root}/.collected.json", "w"))
