package dev.pplsim.request;

import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.SecurityPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One reader for every entry point: the same request reads to the same query, and its errors name the field the user typed. */
class RequestReaderTests {

    private static final Supplier<SecurityPolicy> SECURITY = () -> Simulator.builtIn().security();

    private static Map<Field, JsonNode> texts() {
        Map<Field, JsonNode> v = new EnumMap<>(Field.class);
        v.put(Field.CALLER, TextNode.valueOf("WinTcb-Light"));
        v.put(Field.TARGET, TextNode.valueOf("0x41"));
        v.put(Field.OBJECT, TextNode.valueOf("thread"));
        v.put(Field.DESIRED, TextNode.valueOf("THREAD_SUSPEND_RESUME|SYNCHRONIZE"));
        v.put(Field.MODE, TextNode.valueOf("KERNEL"));
        v.put(Field.RELATION, TextNode.valueOf("parent"));
        v.put(Field.FORCE, BooleanNode.TRUE);
        v.put(Field.TOKEN, TextNode.valueOf("admin-elevated"));
        return v;
    }

    @Test
    void a_batch_line_the_cli_and_a_scenario_read_one_request_to_one_query() throws Exception {
        JsonNode line = RequestReader.strictJson().readTree("{\"id\":1,\"caller\":{\"protection\":\"WinTcb-Light\",\"token\":\"admin-elevated\"},"
                + "\"target\":{\"protection\":65,\"object\":\"thread\"},\"desired\":\"THREAD_SUSPEND_RESUME|SYNCHRONIZE\",\"mode\":\"KERNEL\","
                + "\"relation\":\"parent\",\"forceAccessCheck\":true}");
        AccessQuery batch = RequestReader.batch(line, SECURITY);
        Map<Field, JsonNode> v = texts();
        AccessQuery cli = RequestReader.read(Form.CLI, v::get, SECURITY);
        AccessQuery scenario = RequestReader.read(Form.SCENARIO, v::get, SECURITY);
        assertEquals(batch, cli);
        assertEquals(batch, scenario);
        assertEquals(0x61, batch.caller().value());
        assertEquals(0x41, batch.target().value());
        assertEquals(ObjectKind.THREAD, batch.object());
        assertEquals(0x00100002, batch.desired());
        assertEquals(AccessMode.KERNEL, batch.mode());
        assertEquals(Relation.PARENT, batch.relation());
        assertEquals(Operation.OPEN, batch.operation());
        assertEquals(AccessQuery.DEFAULT_BUILD, batch.build());
    }

    @Test
    void an_error_names_the_field_as_each_entry_point_spells_it() {
        Map<Field, JsonNode> v = texts();
        v.put(Field.MODE, TextNode.valueOf("supervisor"));
        assertEquals("--mode: expected user or kernel, got 'supervisor'",
                assertThrows(InputException.class, () -> RequestReader.read(Form.CLI, v::get, SECURITY)).getMessage());
        assertEquals("mode: expected user or kernel, got 'supervisor'",
                assertThrows(InputException.class, () -> RequestReader.read(Form.SCENARIO, v::get, SECURITY)).getMessage());
        assertEquals("mode: expected user or kernel, got \"supervisor\"",
                assertThrows(InputException.class, () -> RequestReader.read(Form.BATCH, v::get, SECURITY)).getMessage());
        v.put(Field.MODE, TextNode.valueOf("user"));
        v.put(Field.SD_GRANTED, TextNode.valueOf("0x10"));
        assertEquals("--sd-granted: must be absent when caller.token is given: the security-descriptor stage decides",
                assertThrows(InputException.class, () -> RequestReader.read(Form.CLI, v::get, SECURITY)).getMessage());
        assertEquals("sdGranted: must be absent when token is given: the security-descriptor stage decides",
                assertThrows(InputException.class, () -> RequestReader.read(Form.SCENARIO, v::get, SECURITY)).getMessage());
    }

    @Test
    void an_engine_error_is_renamed_by_its_field_not_by_its_text() {
        InputException engine = InputException.at(Field.DESIRED, "NtDebugActiveProcess needs a process handle with PROCESS_SUSPEND_RESUME");
        assertEquals("desired: NtDebugActiveProcess needs a process handle with PROCESS_SUSPEND_RESUME", engine.getMessage());
        assertEquals("--access: NtDebugActiveProcess needs a process handle with PROCESS_SUSPEND_RESUME", engine.in(Form.CLI).getMessage());
        assertEquals("NtDebugActiveProcess needs a process handle with PROCESS_SUSPEND_RESUME", engine.in(Form.SCENARIO).getMessage());
        InputException plain = InputException.at("x.yaml:3", "desired: looks like a field");
        assertEquals(plain, plain.in(Form.CLI));
    }

    @Test
    void a_pico_providers_masks_come_in_each_forms_shape() throws Exception {
        Map<Field, JsonNode> v = texts();
        v.remove(Field.TOKEN);
        v.put(Field.TARGET_PICO, TextNode.valueOf("0x1000,0x800"));
        assertEquals(new PicoProvider(0x1000, 0x800), RequestReader.read(Form.CLI, v::get, SECURITY).targetPico());
        v.put(Field.TARGET_PICO, JsonNodeFactory.instance.arrayNode().add("0x1000").add("0x800"));
        assertEquals(new PicoProvider(0x1000, 0x800), RequestReader.read(Form.SCENARIO, v::get, SECURITY).targetPico());
        v.put(Field.TARGET_PICO, RequestReader.strictJson().readTree("{\"openProcess\":4096,\"openThread\":\"0x800\"}"));
        assertEquals(new PicoProvider(0x1000, 0x800), RequestReader.read(Form.BATCH, v::get, SECURITY).targetPico());
        v.put(Field.TARGET_PICO, TextNode.valueOf("0x1000"));
        assertEquals("--target-pico: expected OPENPROCESS,OPENTHREAD masks, got '0x1000'",
                assertThrows(InputException.class, () -> RequestReader.read(Form.CLI, v::get, SECURITY)).getMessage());
        v.put(Field.TARGET_PICO, TextNode.valueOf("0x1000"));
        assertEquals("target.pico: expected an object",
                assertThrows(InputException.class, () -> RequestReader.read(Form.BATCH, v::get, SECURITY)).getMessage());
    }

    @Test
    void a_check_reports_a_fields_error_without_asking_for_the_protections() {
        Map<Field, JsonNode> v = new EnumMap<>(Field.class);
        v.put(Field.OPERATION, TextNode.valueOf("attach"));
        assertEquals("operation: expected open, duplicate or debug, got 'attach'",
                assertThrows(InputException.class, () -> RequestReader.check(Form.SCENARIO, v::get)).getMessage());
        v.put(Field.OPERATION, TextNode.valueOf("debug"));
        RequestReader.check(Form.SCENARIO, v::get);
        assertEquals("caller.protection: required",
                assertThrows(InputException.class, () -> RequestReader.read(Form.BATCH, v::get, SECURITY)).getMessage());
    }
}
