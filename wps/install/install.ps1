# 绩效自评助手 WPS 加载项：Windows 本机安装（由 install.bat 调用；PowerShell 2.0 起，不需要管理员权限）。
# 把加载项复制到 %APPDATA%\kingsoft\wps\jsaddons\{{FOLDER}}\，在同一目录的 jsplugins.xml、publish.xml、
# authwebsite.xml 中登记（按 XML 读写：其他加载项的登记原样保留）。-Uninstall 卸载。
# 任何一步之前先检查：安装包完整、三个清单都读得懂；否则什么都不改，说明原因（读不懂的清单另存一份 .bak）。
param([switch]$Uninstall)
$ErrorActionPreference = 'Stop'
$name = '{{NAME}}'
$version = '{{VERSION}}'
$folder = '{{FOLDER}}'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$addons = if ($env:JIXIAO_JSADDONS) { $env:JIXIAO_JSADDONS } else { Join-Path $env:APPDATA 'kingsoft\wps\jsaddons' }
$roots = @{ 'jsplugins.xml' = 'jsplugins'; 'publish.xml' = 'jsplugins'; 'authwebsite.xml' = 'websites' }

function Fail([string]$message) {
  [Console]::Error.WriteLine($message)
  exit 1
}

# A list as an XML document (a new one when it is missing or empty); the parser reads any encoding it declares.
function Load-List([string]$list) {
  $file = Join-Path $addons $list
  $doc = New-Object System.Xml.XmlDocument
  $doc.PreserveWhitespace = $true
  # No external entities or DTDs are fetched while a list is read.
  $doc.XmlResolver = $null
  if ((Test-Path $file) -and ((Get-Item $file).Length -gt 0)) { $doc.Load($file) }
  else { $doc.LoadXml('<?xml version="1.0" encoding="UTF-8"?>' + "`r`n" + '<' + $roots[$list] + '/>') }
  return $doc
}

# Every list must parse before anything is changed; one that does not is kept as it is, with a copy beside it.
function Test-Lists {
  $bad = @()
  foreach ($list in $roots.Keys) {
    $file = Join-Path $addons $list
    try {
      $doc = Load-List $list
      if ($doc.DocumentElement.Name -ne $roots[$list]) { throw 'root' }
    } catch {
      $backup = $file + '.' + (Get-Date -Format 'yyyyMMddHHmmss') + '.bak'
      Copy-Item $file $backup
      $bad += ($file + '（已另存一份：' + $backup + '）')
    }
  }
  if ($bad.Count -gt 0) {
    Fail ("以下加载项清单不是有效的 XML（或根元素不对），为免删掉其他加载项的登记，未做任何改动：`r`n  " + ($bad -join "`r`n  ") + "`r`n请用文本编辑器修复或删除该文件后再运行。")
  }
}

# Removes our element (by its name attribute, exactly) and, when given, adds the new one; the writer escapes.
function Update-List([string]$list, [string]$tag, $attributes) {
  $file = Join-Path $addons $list
  if (-not $tag -and -not (Test-Path $file)) { return }
  $doc = Load-List $list
  $top = $doc.DocumentElement
  $ours = @($top.ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.GetAttribute('name') -eq $name })
  foreach ($node in $ours) {
    $before = $node.PreviousSibling
    if ($before -and $before.NodeType -eq 'Whitespace') { [void]$top.RemoveChild($before) }
    [void]$top.RemoveChild($node)
  }
  if ($tag) {
    $element = $doc.CreateElement($tag)
    foreach ($pair in $attributes) { $element.SetAttribute($pair[0], $pair[1]) }
    [void]$top.AppendChild($doc.CreateWhitespace("`r`n  "))
    [void]$top.AppendChild($element)
    [void]$top.AppendChild($doc.CreateWhitespace("`r`n"))
  }
  $settings = New-Object System.Xml.XmlWriterSettings
  $settings.Encoding = New-Object System.Text.UTF8Encoding $false
  $temporary = $file + '.tmp'
  $writer = [System.Xml.XmlWriter]::Create($temporary, $settings)
  $doc.Save($writer)
  $writer.Close()
  Move-Item -Force $temporary $file
}

if (-not $Uninstall) {
  # The kit is checked before anything is removed: a half-extracted kit leaves the installed version as it was.
  if (-not (Test-Path (Join-Path (Join-Path $here $folder) 'ribbon.xml'))) {
    Fail ('安装包不完整：缺少 ' + $folder + ' 文件夹（或其中的 ribbon.xml）。请把整个安装包解压到一个文件夹后，在该文件夹中运行 install.bat；已安装的版本未做改动。')
  }
}
New-Item -ItemType Directory -Force $addons | Out-Null
Test-Lists

foreach ($list in $roots.Keys) { Update-List $list $null $null }
Get-ChildItem $addons | Where-Object { $_.PSIsContainer -and $_.Name -like ($name + '_*') } | Remove-Item -Recurse -Force
if ($Uninstall) { exit 0 }

try {
  Copy-Item -Recurse (Join-Path $here $folder) (Join-Path $addons $folder)
} catch {
  Fail ('无法把加载项复制到 ' + (Join-Path $addons $folder) + '（磁盘已满或没有权限）：请处理后重新运行 install.bat。')
}
$url = 'file:///' + ((Join-Path $addons $folder) -replace '\\', '/') + '/'
$plugin = @(, @('name', $name)) + @(, @('type', 'et')) + @(, @('version', $version))
Update-List 'jsplugins.xml' 'jsplugin' ($plugin + @(, @('enable', 'true')) + @(, @('url', $url)))
Update-List 'publish.xml' 'jsplugin' ($plugin + @(, @('enable', 'enable_dev')) + @(, @('install', 'null')) + @(, @('url', $url)))
Update-List 'authwebsite.xml' 'website' (@(, @('name', $name)) + @(, @('origin', 'null')) + @(, @('status', 'enable')))
