import json
def deco(f):
    return f
@deco
def g(a, b={'k': [1, 2]}, *args, c=None, **kw):
    return {**b, 'a': a, 'extra': kw,}
x: dict = {}
x['later'] = 1
s = {3, 1, 2}
f = f"{len(s)} {{braces}} {x['later']}"
m = {
    # a comment with { and while
    'fn': lambda v: v + 1,   # lambda inside a dict
    'nested': {'b': 1, 'a': {'z': 0}},
    "while": "for",
}
comp = {k: v * 2 for k, v in [('q', 1), ('p', 2)] if v}
n = 3
out = []
while (n := n - 1) > 0:
    out.append(n)
else:
    out.append('else')
for i, (k, v) in enumerate(sorted(comp.items())):
    out.append((i, k, v))
else:
    out.append('for-else')
t = 0
while t < 3: t += 1
class C:
    attrs = {'z': 1, 'y': 2}
    def m(self): return [k for k in self.attrs]
print(json.dumps(g(5, kx=1)))
print(f, sorted(s), m['fn'](1), json.dumps(m['nested']), m['while'], json.dumps(comp), out, t, C().m(), [1, 2, 3][1:2], {1: 2}[1])
print({'b': 1, 'a': 2}, [{'x': 'ü'}], ('한',), {'k': {'j': None}})
