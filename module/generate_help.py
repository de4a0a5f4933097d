#!/usr/bin/env python3
"""Regenerates module/en-US/MandelPS.dll-Help.xml (MAML) from the cmdlets' XML doc comments.

Parameter descriptions come from the /// summaries in src/MandelPS (so help cannot drift from code);
descriptions and examples are kept below. Run after `dotnet build src/MandelPS`:
    python3 module/generate_help.py
tests/MandelPS.Tests checks that every cmdlet and parameter is documented, with an example.
"""
import glob
import os
import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CMDLETS = {
    'Get-Kernel': ('GetKernelCommand', [],
        'Lists the kernels of the technique ladder: what each demonstrates, its family, the precisions it computes in, whether it must equal the reference bit for bit, and whether it can run on this machine (with the reason if not). The objects pipe into Measure-Kernel, Compare-Kernel and Invoke-Mandelbrot by property name.',
        [('Get-Kernel', 'Lists every kernel.'),
         ('Get-Kernel *Simd* | Measure-Kernel', 'Measures every SIMD kernel.')]),
    'Invoke-Mandelbrot': ('InvokeMandelbrotCommand', [],
        'Computes escape counts for one request with one kernel and returns a summary (validation sum, total iterations, elapsed time). -Path writes a grayscale PNG or PGM, or a PBM bitmap of the set, through a temporary file so nothing is ever half-written; an existing file is only replaced with -Force. -PassThru returns the full result including the counts. -Preset BenchmarksGame reproduces the Computer Language Benchmarks Game mandelbrot task exactly.',
        [('Invoke-Mandelbrot -Kernel ParallelSimd -Width 1920 -Height 1080 -Path ./m.png', 'Renders a full-HD image with the fastest CPU kernel.'),
         ('Invoke-Mandelbrot -TutorialSize 1000 -MaxIterations 1000', "Solves the tutorial's own 500x500 problem and reports its validation sum."),
         ('Invoke-Mandelbrot -Kernel ParallelSimd -Width 1000 -Height 1000 -CostMap -Path ./cost.png', 'Why static row bands leave cores idle: per-tile cost heatmap and load balance for 2..16 cores.'),
         ('Invoke-Mandelbrot -Kernel ParallelSimd -Preset BenchmarksGame -Size 16000 -Path ./bg.pbm', "The Benchmarks Game task at its benchmark size; the file is byte-identical to that task's programs' output.")]),
    'Measure-Kernel': ('MeasureKernelCommand', [],
        'Benchmarks kernels. Each request is first checked against the reference kernel on the same grid (an exact kernel that disagrees is reported Failed and not timed), then warmed up and timed. Array parameters expand to their cross product, so a sweep is one call. Output rows are flat, so they pipe into Sort-Object, Export-Csv and ConvertTo-Json unchanged.',
        [('Measure-Kernel -All | Export-Csv kernels.csv', 'Measures every kernel available here and saves the table.'),
         ('Measure-Kernel -Kernel ParallelSimd -Width 500,1000,2000 -Height 500,1000,2000 -Threads 1,2', 'A sweep: 18 rows, one per combination.'),
         ('Import-Csv sweep.csv | Measure-Kernel', 'Measures one row per CSV line (columns Kernel, Width, Height, MaxIterations).')]),
    'Compare-Kernel': ('CompareKernelCommand', [],
        'Measures candidate kernels against a baseline on the same grid, alternating their runs so drift hits both equally, and reports the speedup next to the precision loss (differing pixels, validation-sum delta, largest count error). Single-precision candidates against a double baseline show what "fast and wrong" costs.',
        [('Compare-Kernel -Kernel Simd,ParallelSimd', 'Speedup of the SIMD kernels over Expanded, the reference.'),
         ('Compare-Kernel -ReferenceObject (Import-Csv main.csv) -DifferenceObject (Import-Csv branch.csv) | Where-Object IsRegression', 'Regressions between two saved result sets, each judged by a Mann-Whitney test on the saved run times.'),
         ('Compare-Kernel -Kernel Simd -Precision Single -Viewport -0.7437,-0.7436,0.1318,0.1319', 'What single precision gains in speed and loses in pixels on a deep zoom.')]),
    'Export-KernelReport': ('ExportKernelReportCommand', [],
        'Writes Measure-Kernel or Compare-Kernel rows (live, or read back with Import-Csv) as a report: .svg is a chart (giga-iterations/s per kernel on a log axis, or speedup for comparisons; a sweep over one parameter becomes a line chart), .html a self-contained page with the charts and a table, .md a Markdown table for a README or pull request. Written through a temporary file; an existing report is only replaced with -Force.',
        [('Measure-Kernel -All | Export-KernelReport ./kernels.html', 'One page with the ladder chart and its table.'),
         ('Measure-Kernel -Kernel ParallelSimd -Threads 1,2 -Width 1000 | Export-KernelReport ./threads.svg', 'A line chart of time against threads.'),
         ('Import-Csv ./kernels.csv | Export-KernelReport ./kernels.md', 'A Markdown table from a saved result set.')]),
}


def summaries():
    path = glob.glob(os.path.join(ROOT, 'src/MandelPS/bin/*/net8.0/MandelPS.xml'))
    if not path:
        raise SystemExit('build src/MandelPS first (its XML documentation file is the source)')
    found = {}
    for member in ET.parse(max(path, key=os.path.getmtime)).getroot().iter('member'):
        summary = member.find('summary')
        if summary is not None:
            found[member.get('name')] = re.sub(r'\s+', ' ', ''.join(summary.itertext())).strip()
    return found


def parameters(cls, bases, docs):
    for name in [cls] + bases:
        source = open(os.path.join(ROOT, 'src/MandelPS', name + '.cs')).read()
        for match in re.finditer(r'\[Parameter[^\]]*\][\s\S]*?public (\S+) (\w+) \{', source):
            yield match.group(2), match.group(1).rstrip('?'), docs.get(f'P:MandelPS.Commands.{name}.{match.group(2)}', '')


def main():
    docs = summaries()
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<helpItems schema="maml" xmlns="http://msh">']
    for name, (cls, bases, description, examples) in CMDLETS.items():
        verb, noun = name.split('-')
        synopsis = docs.get(f'T:MandelPS.Commands.{cls}', '')
        out.append('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
        out.append(f'    <command:details>\n      <command:name>{name}</command:name>\n      <command:verb>{verb}</command:verb>\n      <command:noun>{noun}</command:noun>')
        out.append(f'      <maml:description><maml:para>{escape(synopsis)}</maml:para></maml:description>\n    </command:details>')
        out.append(f'    <maml:description><maml:para>{escape(description)}</maml:para></maml:description>\n    <command:parameters>')
        seen = set()
        for parameter, type_name, text in parameters(cls, bases, docs):
            if parameter in seen:
                continue
            seen.add(parameter)
            out.append('      <command:parameter required="false" pipelineInput="false" position="named">')
            out.append(f'        <maml:name>{parameter}</maml:name>\n        <maml:description><maml:para>{escape(text)}</maml:para></maml:description>')
            out.append(f'        <command:parameterValue required="true">{escape(type_name)}</command:parameterValue>\n      </command:parameter>')
        out.append('    </command:parameters>\n    <command:examples>')
        for number, (code, remark) in enumerate(examples, 1):
            out.append(f'      <command:example>\n        <maml:title>-------------------------- Example {number} --------------------------</maml:title>')
            out.append(f'        <dev:code>PS&gt; {escape(code)}</dev:code>\n        <dev:remarks><maml:para>{escape(remark)}</maml:para></dev:remarks>\n      </command:example>')
        out.append('    </command:examples>\n  </command:command>')
    out.append('</helpItems>')
    with open(os.path.join(ROOT, 'module/en-US/MandelPS.dll-Help.xml'), 'w') as f:
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
