# 绩效自评助手 WPS 加载项：Windows 本机安装（由 install.bat 调用；PowerShell 2.0 起，不需要管理员权限）。
# 把加载项复制到 %APPDATA%\kingsoft\wps\jsaddons\{{FOLDER}}\，在同一目录的 jsplugins.xml、publish.xml、
# authwebsite.xml 中登记（已有的其他加载项保留不动）。-Uninstall 卸载。
param([switch]$Uninstall)
$ErrorActionPreference = 'Stop'
$name = '{{NAME}}'
$version = '{{VERSION}}'
$folder = '{{FOLDER}}'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$addons = if ($env:JIXIAO_JSADDONS) { $env:JIXIAO_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$utf8 = New-Object System.Text.UTF8Encoding $false
$newline = [Environment]::NewLine

# Our entry is removed first, so running again never adds a second one.
function Unregister([string]$list) {
  $file = Join-Path $addons $list
  if (-not (Test-Path $file)) { return }
  # Only our element goes, even where a tool wrote every entry on one line.
  $text = [IO.File]::ReadAllText($file, $utf8) -replace ('[ \t]*<[^<>]*name="' + $name + '"[^<>]*/>\r?\n?'), ''
  [IO.File]::WriteAllText($file, $text, $utf8)
}

function Register([string]$list, [string]$root, [string]$entry) {
  $file = Join-Path $addons $list
  $close = '</' + $root + '>'
  if (-not (Test-Path $file) -or -not ([IO.File]::ReadAllText($file, $utf8).Contains($close))) {
    [IO.File]::WriteAllText($file, '<?xml version="1.0" encoding="UTF-8"?>' + $newline + '<' + $root + '>' + $newline + $close + $newline, $utf8)
  }
  Unregister $list
  $text = [IO.File]::ReadAllText($file, $utf8)
  [IO.File]::WriteAllText($file, $text.Insert($text.LastIndexOf($close), '  ' + $entry + $newline), $utf8)
}

foreach ($list in 'jsplugins.xml', 'publish.xml', 'authwebsite.xml') { Unregister $list }
if (Test-Path $addons) {
  Get-ChildItem $addons | Where-Object { $_.PSIsContainer -and $_.Name -like ($name + '_*') } | Remove-Item -Recurse -Force
}
if ($Uninstall) { exit 0 }

New-Item -ItemType Directory -Force $addons | Out-Null
Copy-Item -Recurse (Join-Path $here $folder) (Join-Path $addons $folder)
$url = 'file:///' + ((Join-Path $addons $folder) -replace '\\', '/') + '/'
Register 'jsplugins.xml' 'jsplugins' ('<jsplugin name="' + $name + '" type="et" version="' + $version + '" enable="true" url="' + $url + '"/>')
Register 'publish.xml' 'jsplugins' ('<jsplugin name="' + $name + '" type="et" version="' + $version + '" enable="enable_dev" install="null" url="' + $url + '"/>')
Register 'authwebsite.xml' 'websites' ('<website name="' + $name + '" origin="null" status="enable"/>')
