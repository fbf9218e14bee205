// junit.xml: Playwright's junit reporter writes annotations as <property>; ours files a judged
// non-conformance as <failure> and leaves a check that could not judge as <error>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NON_CONFORMANCE, reclassify } from '../../src/report/junitFailures';

const xml = `<testsuites id="" name="" tests="3" failures="0" skipped="0" errors="2" time="1.2">
<testsuite name="valid-requests.spec.ts" timestamp="2026-01-01T00:00:00.000Z" hostname="" tests="3" failures="0" skipped="0" time="1" errors="2">
<testcase name="a 200 answer has an empty body" classname="valid-requests.spec.ts" time="0.3">
<properties>
<property name="requirement" value="M2">
</property>
<property name="level" value="MUST">
</property>
<property name="check" value="emptySuccessBody">
</property>
</properties>
<error message="M2 MUST: A 200 answer had a body" type="Error">
<![CDATA[Error: M2 MUST: A 200 answer had a body]]>
</error>
</testcase>
<testcase name="every status value is answered 200" classname="valid-requests.spec.ts" time="0.1">
<properties>
<property name="check" value="everyStatusAccepted">
</property>
</properties>
<error message="M4: could not judge: throttled" type="Error">
<![CDATA[Error: M4: could not judge]]>
</error>
</testcase>
<testcase name="a request that satisfies the schema is answered 200" classname="valid-requests.spec.ts" time="0.1">
<properties>
<property name="check" value="validRequestAccepted">
</property>
</properties>
</testcase>
</testsuite>
</testsuites>`;

test('a judged failure becomes <failure type="NonConformance">; could-not-judge stays <error>; counts follow', () => {
  const out = reclassify(xml, new Set(['emptySuccessBody']));
  assert.match(out, /<failure message="M2 MUST: A 200 answer had a body" type="NonConformance">\n<!\[CDATA\[Error: M2 MUST: A 200 answer had a body\]\]>\n<\/failure>/);
  assert.match(out, /<error message="M4: could not judge: throttled" type="Error">/);
  assert.match(out, /<testsuites [^>]*failures="1"[^>]*errors="1"/);
  assert.match(out, /<testsuite [^>]*failures="1"[^>]*errors="1"/);
  assert.equal(out.split(NON_CONFORMANCE).length, 2);
  assert.equal(reclassify(xml, new Set()), xml, 'nothing judged failed: unchanged');
});
