#!/usr/bin/env python3
# Writes data/corpus/pastes.txt and titles.txt from the pastes under tests/ (see data/corpus/README.md).
import yaml, glob, re
pastes=[]; titles=[]
for f in sorted(glob.glob('tests/intake/**/*.yaml', recursive=True)+glob.glob('tests/intake_misses/**/*.yaml', recursive=True)):
    d=yaml.safe_load(open(f,encoding='utf-8'))
    if not isinstance(d,dict) or not isinstance(d.get('paste'),str): continue
    pastes.append(' '.join(d['paste'].split()))
    for l in d['paste'].splitlines():
        m=re.search(r'(宝贝名称|商品名称|宝贝|商品|标题)\s*[:：]\s*(.+)',l)
        if m: titles.append(' '.join(m.group(2).split()))
open('data/corpus/pastes.txt','w',encoding='utf-8').write('\n'.join(pastes)+'\n')
open('data/corpus/titles.txt','w',encoding='utf-8').write('\n'.join(titles)+'\n')
print(len(pastes),len(titles))
