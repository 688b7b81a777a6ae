package org.civitas.catalogue.service;

import java.util.ArrayList;
import java.util.List;

import org.civitas.catalogue.service.ServiceInput.QuestionInput;
import org.civitas.catalogue.service.ServiceInput.SlaInput;
import org.civitas.catalogue.service.ServiceInput.ValueInput;
import org.civitas.platform.DemoBody;
import org.civitas.platform.DemoSeeder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Riverside Borough Council's services, live, each owned by one of the demo teams (seeded at 10).
 * The wording is the demo body's data, as a council would enter it, not Civitas's own text.
 */
@Component
@Order(15)
class DemoServices implements DemoSeeder {

    private final ServiceCatalogue catalogue;

    DemoServices(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void seed(DemoBody demo) {
        for (ServiceInput service : services()) {
            catalogue.create(service, team -> true);
            catalogue.publish(service.code(), team -> true);
            if ("batch".equals(service.type())) {
                catalogue.allowAnonymousRequests(service.code(), false); // applications: the council has to answer someone
            }
        }
    }

    /** Applications and anything about a person: kept out of keyless lists, their location and description sealed. */
    static final java.util.Set<String> PRIVATE = java.util.Set.of("parking-permit", "noise", "bulky-waste");

    /** Answers that are personal data, sealed for the requester whatever the service. */
    static final java.util.Set<String> PERSONAL_ANSWERS = java.util.Set.of("vehicle_registration", "access", "pattern");

    static List<ServiceInput> services() {
        return basic().stream().map(DemoServices::withPrivacy).toList();
    }

    private static ServiceInput withPrivacy(ServiceInput s) {
        List<QuestionInput> questions = s.questions().stream().map(q -> new QuestionInput(q.code(), q.datatype(), q.required(),
                q.variable(), q.description(), q.datatypeDescription(), q.values(), PERSONAL_ANSWERS.contains(q.code()))).toList();
        return new ServiceInput(s.code(), s.name(), s.description(), s.group(), s.keywords(), s.type(), s.team(), s.sla(), questions,
                s.retentionDays(), s.anonymousRequests(), PRIVATE.contains(s.code()) ? "private" : "public");
    }

    private static List<ServiceInput> basic() {
        List<ServiceInput> services = new ArrayList<>();
        services.add(service("pothole", "Pothole", "Report a pothole or a sunken area in a road, pavement or cycle path.",
                "Roads and pavements", List.of("pothole", "road", "pavement", "cycle path"), "realtime", "highways", days(5),
                list("size", true, "How big is the pothole?", "Compare it with a dinner plate, about 25 cm across",
                        value("small", "Smaller than a dinner plate"), value("medium", "About the size of a dinner plate"),
                        value("large", "Larger than a dinner plate")),
                question("depth", "number", false, "About how deep is it, in centimetres?", "A number, such as 5"),
                list("surface", true, "Where is it?", null,
                        value("road", "On the road"), value("pavement", "On the pavement"), value("cycle_path", "On a cycle path"))));
        services.add(service("street-light", "Street light fault", "Report a street light that is out, stays on in the day, flickers or is damaged.",
                "Roads and pavements", List.of("street light", "lamp", "lighting"), "realtime", "highways", days(3),
                question("column_number", "string", false, "What is the number on the lamp post?",
                        "Usually on a small plate about head height, such as RB123"),
                list("fault", true, "What is wrong with the light?", null,
                        value("out", "It is not working"), value("day_burning", "It stays on during the day"),
                        value("flickering", "It flickers"), value("damaged", "The post or lamp is damaged"))));
        services.add(service("fly-tipping", "Fly-tipping", "Report rubbish dumped on public land, such as in a street, alley or park.",
                "Rubbish and recycling", List.of("fly-tipping", "dumped rubbish", "rubbish"), "realtime", "environment", days(2),
                multi("waste_type", true, "What has been dumped?", "Choose all that apply",
                        value("bags", "Black bags"), value("furniture", "Furniture"), value("building", "Building rubble"),
                        value("electrical", "Fridges or other electrical items"), value("hazardous", "Chemicals, asbestos or needles"),
                        value("other", "Something else")),
                list("amount", true, "How much is there?", null,
                        value("single", "A single item or bag"), value("car_boot", "A car boot load"),
                        value("van", "A van load or more")),
                question("seen_dumping", "datetime", false, "If you saw it being dumped, when was that?",
                        "A date and time, such as 2026-03-10T14:30:00Z")));
        services.add(service("missed-bin", "Missed bin collection", "Tell us if we did not empty your bin on your collection day.",
                "Rubbish and recycling", List.of("bin", "missed collection", "recycling"), "realtime", "waste", days(2),
                multi("bins", true, "Which bins were missed?", "Choose all that apply",
                        value("refuse", "General rubbish (grey bin)"), value("recycling", "Recycling (blue bin)"),
                        value("food", "Food waste (green caddy)"), value("garden", "Garden waste (brown bin)")),
                note("collection_note", "Please put your bins out by 7am on your collection day. We cannot come back for bins put out late."),
                list("bin_out", true, "Was the bin out by 7am on your collection day?", null,
                        value("yes", "Yes"), value("no", "No"))));
        services.add(service("graffiti", "Graffiti", "Report graffiti on public property, such as walls, bridges, signs and bus shelters.",
                "Streets and public spaces", List.of("graffiti", "vandalism"), "realtime", "environment", days(10),
                list("offensive", true, "Is the graffiti offensive or racist?", "We remove offensive graffiti within one working day",
                        value("yes", "Yes"), value("no", "No")),
                list("surface", false, "What is it on?", null,
                        value("wall", "A wall"), value("bridge", "A bridge"), value("sign", "A sign or street furniture"),
                        value("bus_shelter", "A bus shelter"))));
        services.add(service("noise", "Noise complaint", "Report noise that is happening again and again, such as loud music, barking or building work.",
                "Environmental health", List.of("noise", "music", "barking", "nuisance"), "realtime", "environment", days(5),
                list("source", true, "What is making the noise?", null,
                        value("music", "Music or parties"), value("dog", "Barking dogs"), value("building", "Building work"),
                        value("alarm", "Alarms"), value("business", "A pub, shop or business"), value("other", "Something else")),
                question("started", "datetime", true, "When did the noise start?",
                        "A date and time, such as 2026-03-10T23:00:00Z"),
                question("pattern", "text", false, "How often does it happen, and for how long?", null)));
        services.add(service("blocked-drain", "Blocked drain", "Report a blocked road drain (gully) or flooding on a road or pavement.",
                "Roads and pavements", List.of("drain", "gully", "flooding"), "realtime", "highways", hours(24),
                list("flooding", true, "Is the water flooding a road, pavement or property?", null,
                        value("none", "No, the drain is just blocked"), value("road", "The road or pavement is flooding"),
                        value("property", "Water is getting into a property")),
                question("smell", "string", false, "Is there a bad smell? Tell us what you notice.", null)));
        services.add(service("tree", "Tree problem", "Report a council tree that is dangerous, fallen, overgrown or damaged.",
                "Parks and trees", List.of("tree", "branch", "overgrown"), "realtime", "parks", days(10),
                list("problem", true, "What is the problem?", null,
                        value("fallen", "The tree or a large branch has fallen"), value("dangerous", "It looks dangerous"),
                        value("overgrown", "It is blocking a path, sign or light"), value("roots", "Roots are damaging a pavement"),
                        value("damaged", "It has been damaged")),
                list("blocking", false, "Is it blocking a road or path now?", null,
                        value("yes", "Yes"), value("no", "No"))));
        services.add(service("bulky-waste", "Bulky waste collection", "Book a collection of large household items, such as furniture and fridges.",
                "Rubbish and recycling", List.of("bulky waste", "furniture", "collection"), "batch", "waste", days(10),
                multi("items", true, "What do you want us to collect?", "Choose all that apply. Up to 5 items per collection",
                        value("sofa", "Sofa or armchair"), value("bed", "Bed or mattress"), value("fridge", "Fridge or freezer"),
                        value("washing_machine", "Washing machine"), value("table", "Table or chairs"), value("other", "Something else")),
                question("item_count", "number", true, "How many items are there in total?", "A number from 1 to 5"),
                question("access", "text", false, "Where will the items be, and how do we reach them?", null)));
        services.add(service("parking-permit", "Residents’ parking permit application",
                "Apply for a permit to park in your residents’ parking zone.",
                "Parking", List.of("parking", "permit", "residents"), "batch", "parking", days(10),
                question("vehicle_registration", "string", true, "What is the vehicle’s registration number?", "For example, AB12 CDE"),
                list("zone", true, "Which parking zone do you live in?", "It is on the signs at the start of your street",
                        value("a", "Zone A – Town centre"), value("b", "Zone B – Riverside"), value("c", "Zone C – Station")),
                list("permit_length", true, "How long do you want the permit for?", null,
                        value("3m", "3 months"), value("12m", "12 months")),
                question("start_date", "datetime", false, "When should the permit start?", "A date and time, such as 2026-04-01T00:00:00+01:00")));
        return services;
    }

    private static ServiceInput service(String code, String name, String description, String group, List<String> keywords,
                                        String type, String team, SlaInput sla, QuestionInput... questions) {
        return new ServiceInput(code, name, description, group, keywords, type, team, sla, List.of(questions));
    }

    private static SlaInput days(int days) {
        return new SlaInput(days, "working_days");
    }

    private static SlaInput hours(int hours) {
        return new SlaInput(hours, "working_hours");
    }

    private static QuestionInput question(String code, String datatype, boolean required, String text, String help) {
        return new QuestionInput(code, datatype, required, true, text, help, null);
    }

    /** Information shown with the questions that takes no answer (Open311 variable=false). */
    private static QuestionInput note(String code, String text) {
        return new QuestionInput(code, "string", false, false, text, null, null);
    }

    private static QuestionInput list(String code, boolean required, String text, String help, ValueInput... values) {
        return new QuestionInput(code, "singlevaluelist", required, true, text, help, List.of(values));
    }

    private static QuestionInput multi(String code, boolean required, String text, String help, ValueInput... values) {
        return new QuestionInput(code, "multivaluelist", required, true, text, help, List.of(values));
    }

    private static ValueInput value(String key, String name) {
        return new ValueInput(key, name);
    }
}
