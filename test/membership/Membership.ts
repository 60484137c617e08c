import { expect } from "chai";
import { connection, Constituency, CONSTITUENCIES, deployDisCO, deployWithAdmin, Stage } from "../helpers/disco.ts";
import { expectRecord, minedAt } from "../helpers/expect.ts";
import { deployClone, uninitialisedClone } from "../helpers/clones.ts";
import { publicClient } from "../helpers/viem.ts";
import { loadHistory } from "@disco-ledger/sdk/history";
import type { IMembership } from "../../types/ethers-contracts/contracts/membership/Membership.js";

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash, id } = ethers;
const DEFAULT_ADMIN_ROLE = ZeroHash;

const tokenId = (account: string): bigint => BigInt(account);

function founder(account: string, stage: number, constituency = 0, mentor = ZeroAddress): IMembership.FounderStruct {
  return { account, stage, constituency, mentor };
}

describe("Membership", function () {
  describe("initialize", function () {
    it("admits the founders with their stage, constituency and mentor", async function () {
      const { membership, alice, bob, carol, dave, erin, frank, grace } = await networkHelpers.loadFixture(deployDisCO);

      expectRecord(await membership.memberOf(alice.address), {
        stage: Stage.Committed,
        constituency: Constituency.worker,
        mentor: ZeroAddress,
      });
      expectRecord(await membership.memberOf(carol.address), {
        stage: Stage.Committed,
        constituency: Constituency.community,
        mentor: ZeroAddress,
      });
      expectRecord(await membership.memberOf(erin.address), {
        stage: Stage.Dating2,
        constituency: Constituency.worker,
        mentor: alice.address,
      });
      expectRecord(await membership.memberOf(frank.address), {
        stage: Stage.Casual,
        constituency: Constituency.supporter,
        mentor: ZeroAddress,
      });
      expectRecord(await membership.memberOf(grace.address), {
        stage: Stage.None,
        constituency: 0,
        mentor: ZeroAddress,
      });

      expect(await membership.memberCount()).to.equal(6n);
      expect(await membership.bindingMembers()).to.equal(4n);
      for (const member of [alice, bob, carol, dave, erin, frank]) {
        expect(await membership.isMember(member.address)).to.equal(true);
        expect(await membership.balanceOf(member.address)).to.equal(1n);
        expect(await membership.ownerOf(tokenId(member.address))).to.equal(member.address);
      }
      expect(await membership.isMember(grace.address)).to.equal(false);
      expect(await membership.balanceOf(grace.address)).to.equal(0n);
    });

    it("records every founder as joined at the deployment time", async function () {
      const { membership, alice, erin } = await networkHelpers.loadFixture(deployDisCO);
      const aliceJoined = (await membership.memberOf(alice.address)).joinedAt;
      expect(aliceJoined).to.be.greaterThan(0n);
      expect(aliceJoined).to.be.at.most(await membership.clock());
      expect((await membership.memberOf(erin.address)).joinedAt).to.equal(aliceJoined);
    });

    it("names the constituencies in order and leaves the rest unnamed", async function () {
      const { membership } = await networkHelpers.loadFixture(deployDisCO);
      for (const [id, name] of CONSTITUENCIES.entries()) expect(await membership.constituencyName(id)).to.equal(name);
      expect(await membership.constituencyName(CONSTITUENCIES.length)).to.equal("");
      expect(await membership.MAX_CONSTITUENCIES()).to.equal(8n);
    });

    it("gives the admin role to the timelock and to no one else", async function () {
      const { membership, timelock, governor, deployer, alice } = await networkHelpers.loadFixture(deployDisCO);
      expect(await membership.hasRole(DEFAULT_ADMIN_ROLE, await timelock.getAddress())).to.equal(true);
      expect(await membership.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
      expect(await membership.hasRole(DEFAULT_ADMIN_ROLE, await governor.getAddress())).to.equal(false);
      expect(await membership.hasRole(DEFAULT_ADMIN_ROLE, alice.address)).to.equal(false);
    });

    it("emits the founders' admission events and the constituency names at deployment", async function () {
      const [, admin, a, b] = await ethers.getSigners();
      const membership = await deployClone(ethers, "Membership", [
        "M",
        "M",
        admin.address,
        ["worker", "client"],
        [founder(a.address, Stage.Committed, 1), founder(b.address, Stage.Dating1, 0, a.address)],
      ]);
      const deployment = membership.deploymentTransaction()!;
      await expect(deployment).to.emit(membership, "ConstituencyNamed").withArgs(0, "worker");
      await expect(deployment).to.emit(membership, "ConstituencyNamed").withArgs(1, "client");
      await expect(deployment)
        .to.emit(membership, "MemberAdmitted")
        .withArgs(a.address, Stage.Committed, 1, ZeroAddress);
      await expect(deployment).to.emit(membership, "MemberAdmitted").withArgs(b.address, Stage.Dating1, 0, a.address);
      await expect(deployment).to.emit(membership, "DelegateVotesChanged").withArgs(a.address, 0, 1);
      await expect(deployment).to.emit(membership, "Transfer").withArgs(ZeroAddress, b.address, tokenId(b.address));
      await expect(deployment).to.emit(membership, "Locked").withArgs(tokenId(b.address));
      expect(await membership.name()).to.equal("M");
      expect(await membership.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
    });

    it("accepts exactly MAX_CONSTITUENCIES names", async function () {
      const [, admin, a] = await ethers.getSigners();
      const names = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];
      const membership = await deployClone(ethers, "Membership", [
        "M",
        "M",
        admin.address,
        names,
        [founder(a.address, Stage.Committed, 7)],
      ]);
      expect(await membership.constituencyName(7)).to.equal("c7");
      expect((await membership.memberOf(a.address)).constituency).to.equal(7n);
    });

    describe("with bad founders", function () {
      async function initialising(admin: string, names: string[], founders: IMembership.FounderStruct[]) {
        const membership = await uninitialisedClone(ethers, "Membership");
        return membership.initialize("M", "M", admin, names, founders);
      }
      async function errors() {
        return ethers.getContractFactory("Membership");
      }

      it("reverts when the admin is the zero address", async function () {
        await expect(initialising(ZeroAddress, ["worker"], []))
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidAccount")
          .withArgs(ZeroAddress);
      });

      it("reverts when a founder is the zero address", async function () {
        const [, admin] = await ethers.getSigners();
        await expect(initialising(admin.address, ["worker"], [founder(ZeroAddress, Stage.Committed)]))
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidAccount")
          .withArgs(ZeroAddress);
      });

      it("reverts when a founder is listed twice", async function () {
        const [, admin, a] = await ethers.getSigners();
        await expect(
          initialising(
            admin.address,
            ["worker"],
            [founder(a.address, Stage.Committed), founder(a.address, Stage.Casual)],
          ),
        )
          .to.be.revertedWithCustomError(await errors(), "MembershipAlreadyMember")
          .withArgs(a.address);
      });

      it("reverts when a founder has stage None", async function () {
        const [, admin, a] = await ethers.getSigners();
        await expect(initialising(admin.address, ["worker"], [founder(a.address, Stage.None)]))
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidStage")
          .withArgs(Stage.None);
      });

      it("reverts when a founder's constituency has no name", async function () {
        const [, admin, a] = await ethers.getSigners();
        await expect(initialising(admin.address, ["worker", "client"], [founder(a.address, Stage.Committed, 2)]))
          .to.be.revertedWithCustomError(await errors(), "MembershipUnknownConstituency")
          .withArgs(2);
      });

      it("reverts when a founder's constituency is out of range", async function () {
        const [, admin, a] = await ethers.getSigners();
        await expect(initialising(admin.address, ["worker"], [founder(a.address, Stage.Committed, 8)]))
          .to.be.revertedWithCustomError(await errors(), "MembershipUnknownConstituency")
          .withArgs(8);
      });

      it("reverts when more than MAX_CONSTITUENCIES names are given", async function () {
        const [, admin] = await ethers.getSigners();
        const names = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"];
        await expect(initialising(admin.address, names, []))
          .to.be.revertedWithCustomError(await errors(), "MembershipUnknownConstituency")
          .withArgs(8);
      });

      it("reverts when a Dating founder has no mentor", async function () {
        const [, admin, a] = await ethers.getSigners();
        await expect(initialising(admin.address, ["worker"], [founder(a.address, Stage.Dating1)]))
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidMentor")
          .withArgs(a.address, ZeroAddress);
      });

      it("reverts when a Dating founder's mentor is listed after them", async function () {
        const [, admin, a, b] = await ethers.getSigners();
        await expect(
          initialising(
            admin.address,
            ["worker"],
            [founder(b.address, Stage.Dating3, 0, a.address), founder(a.address, Stage.Committed)],
          ),
        )
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidMentor")
          .withArgs(b.address, a.address);
      });

      it("reverts when a Dating founder's mentor is not Committed", async function () {
        const [, admin, a, b] = await ethers.getSigners();
        await expect(
          initialising(
            admin.address,
            ["worker"],
            [founder(a.address, Stage.Casual), founder(b.address, Stage.Dating2, 0, a.address)],
          ),
        )
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidMentor")
          .withArgs(b.address, a.address);
      });

      it("reverts MembershipNoCommittedFounder when no founder is Committed: nobody could ever propose", async function () {
        const [, admin, a, b] = await ethers.getSigners();
        await expect(initialising(admin.address, ["worker"], [])).to.be.revertedWithCustomError(
          await errors(),
          "MembershipNoCommittedFounder",
        );
        await expect(
          initialising(
            admin.address,
            ["worker", "supporter"],
            [founder(a.address, Stage.Casual, 1), founder(b.address, Stage.Casual, 0)],
          ),
        ).to.be.revertedWithCustomError(await errors(), "MembershipNoCommittedFounder");
        // One Committed founder is enough.
        const membership = await deployClone(ethers, "Membership", [
          "M",
          "M",
          admin.address,
          ["worker"],
          [founder(a.address, Stage.Committed)],
        ]);
        expect(await membership.bindingMembers()).to.equal(1n);
      });

      it("reverts when a Committed founder is given a mentor", async function () {
        const [, admin, a, b] = await ethers.getSigners();
        await expect(
          initialising(
            admin.address,
            ["worker"],
            [founder(a.address, Stage.Committed), founder(b.address, Stage.Committed, 0, a.address)],
          ),
        )
          .to.be.revertedWithCustomError(await errors(), "MembershipInvalidMentor")
          .withArgs(b.address, a.address);
      });
    });
  });

  describe("governance-only functions", function () {
    it("reverts when anyone but the timelock calls them", async function () {
      const { membership, deployer, alice, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      for (const caller of [deployer, alice, grace]) {
        const m = membership.connect(caller);
        const calls = [
          m.admit(grace.address, Stage.Committed, 0, ZeroAddress),
          m.changeStage(alice.address, Stage.Casual, ZeroAddress),
          m.changeConstituency(alice.address, Constituency.client),
          m.remove(alice.address, "no"),
          m.setConstituencyName(5, "researcher"),
          m.setProfile("ipfs://profile", id("profile")),
          m.grantRole(DEFAULT_ADMIN_ROLE, caller.address),
        ];
        for (const call of calls) {
          await expect(call)
            .to.be.revertedWithCustomError(membership, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        }
      }
    });

    it("lets the timelock call them", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).admit(grace.address, Stage.Committed, 0, ZeroAddress)).to.emit(
        membership,
        "MemberAdmitted",
      );
      await expect(membership.connect(admin).setConstituencyName(5, "researcher")).to.emit(
        membership,
        "ConstituencyNamed",
      );
    });
  });

  describe("admit", function () {
    it("admits a Committed member with a vote", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.client, ZeroAddress);
      await expect(tx).to.emit(membership, "Transfer").withArgs(ZeroAddress, grace.address, tokenId(grace.address));
      await expect(tx).to.emit(membership, "Locked").withArgs(tokenId(grace.address));
      await expect(tx).to.emit(membership, "DelegateChanged").withArgs(grace.address, ZeroAddress, grace.address);
      await expect(tx).to.emit(membership, "DelegateVotesChanged").withArgs(grace.address, 0, 1);
      await expect(tx)
        .to.emit(membership, "MemberAdmitted")
        .withArgs(grace.address, Stage.Committed, Constituency.client, ZeroAddress);
      const joinedAt = await minedAt(tx);

      expectRecord(await membership.memberOf(grace.address), {
        stage: Stage.Committed,
        constituency: Constituency.client,
        mentor: ZeroAddress,
        joinedAt,
      });
      expect(await membership.memberCount()).to.equal(7n);
      expect(await membership.bindingMembers()).to.equal(5n);
      expect(await membership.getVotes(grace.address)).to.equal(1n);
      expect(await membership.delegates(grace.address)).to.equal(grace.address);
      expect(await membership.ownerOf(tokenId(grace.address))).to.equal(grace.address);
      await networkHelpers.mine();
      expect(await membership.getPastConstituencyVotes(Constituency.client, joinedAt)).to.equal(2n);
      expect(await membership.getPastConstituencyVotes(Constituency.client, joinedAt - 1n)).to.equal(1n);
      expect(await membership.getPastTotalSupply(joinedAt)).to.equal(5n);
    });

    it("admits a Dating member with a Committed mentor, without a vote", async function () {
      const { membership, admin, bob, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).admit(grace.address, Stage.Dating1, Constituency.worker, bob.address);
      await expect(tx)
        .to.emit(membership, "MemberAdmitted")
        .withArgs(grace.address, Stage.Dating1, Constituency.worker, bob.address);
      await expect(tx).not.to.emit(membership, "DelegateVotesChanged");
      expectRecord(await membership.memberOf(grace.address), {
        stage: Stage.Dating1,
        constituency: Constituency.worker,
        mentor: bob.address,
      });
      expect(await membership.memberCount()).to.equal(7n);
      expect(await membership.bindingMembers()).to.equal(4n);
      expect(await membership.getVotes(grace.address)).to.equal(0n);
    });

    it("admits a Casual member", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).admit(grace.address, Stage.Casual, Constituency.backer, ZeroAddress))
        .to.emit(membership, "MemberAdmitted")
        .withArgs(grace.address, Stage.Casual, Constituency.backer, ZeroAddress);
      expect(await membership.isMember(grace.address)).to.equal(true);
      expect(await membership.bindingMembers()).to.equal(4n);
    });

    it("reverts when the account is the zero address", async function () {
      const { membership, admin } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).admit(ZeroAddress, Stage.Committed, 0, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidAccount")
        .withArgs(ZeroAddress);
    });

    it("reverts when the account is already a member", async function () {
      const { membership, admin, frank } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).admit(frank.address, Stage.Committed, 0, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipAlreadyMember")
        .withArgs(frank.address);
    });

    it("reverts when the stage is None", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).admit(grace.address, Stage.None, 0, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidStage")
        .withArgs(Stage.None);
    });

    it("reverts when the constituency has no name or is out of range", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      for (const constituency of [5, 7, 8, 255]) {
        await expect(membership.connect(admin).admit(grace.address, Stage.Committed, constituency, ZeroAddress))
          .to.be.revertedWithCustomError(membership, "MembershipUnknownConstituency")
          .withArgs(constituency);
      }
      await expect(membership.connect(admin).admit(grace.address, Stage.Committed, 4, ZeroAddress))
        .to.emit(membership, "MemberAdmitted")
        .withArgs(grace.address, Stage.Committed, 4, ZeroAddress);
    });

    it("reverts when a Dating member has no Committed mentor other than themself", async function () {
      const { membership, admin, bob, erin, frank, grace, heidi } = await networkHelpers.loadFixture(deployWithAdmin);
      // No mentor, a Dating mentor, a Casual mentor, a non-member mentor, themself.
      for (const mentor of [ZeroAddress, erin.address, frank.address, heidi.address, grace.address]) {
        for (const stage of [Stage.Dating1, Stage.Dating2, Stage.Dating3]) {
          await expect(membership.connect(admin).admit(grace.address, stage, 0, mentor))
            .to.be.revertedWithCustomError(membership, "MembershipInvalidMentor")
            .withArgs(grace.address, mentor);
        }
      }
      await expect(membership.connect(admin).admit(grace.address, Stage.Dating1, 0, bob.address))
        .to.emit(membership, "MemberAdmitted")
        .withArgs(grace.address, Stage.Dating1, 0, bob.address);
    });

    it("reverts when a Casual or Committed member is given a mentor", async function () {
      const { membership, admin, alice, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      for (const stage of [Stage.Casual, Stage.Committed]) {
        await expect(membership.connect(admin).admit(grace.address, stage, 0, alice.address))
          .to.be.revertedWithCustomError(membership, "MembershipInvalidMentor")
          .withArgs(grace.address, alice.address);
      }
    });

    it("admits again a member who left, with a new join time", async function () {
      const { membership, admin, alice, carol } = await networkHelpers.loadFixture(deployWithAdmin);
      const firstJoined = (await membership.memberOf(carol.address)).joinedAt;
      await minedAt(membership.connect(carol).leave());
      const rejoined = await minedAt(
        membership.connect(admin).admit(carol.address, Stage.Dating1, Constituency.worker, alice.address),
      );
      expect(rejoined).to.be.greaterThan(firstJoined);
      expect((await membership.memberOf(carol.address)).joinedAt).to.equal(rejoined);
      expect(await membership.memberCount()).to.equal(6n);
      expect(await membership.bindingMembers()).to.equal(3n);
    });
  });

  describe("changeStage", function () {
    it("moves a Dating member on to the next stage, keeping their mentor and join time", async function () {
      const { membership, admin, alice, erin } = await networkHelpers.loadFixture(deployWithAdmin);
      const joinedAt = (await membership.memberOf(erin.address)).joinedAt;
      const tx = membership.connect(admin).changeStage(erin.address, Stage.Dating3, alice.address);
      await expect(tx)
        .to.emit(membership, "MemberStageChanged")
        .withArgs(erin.address, Stage.Dating2, Stage.Dating3, alice.address);
      await expect(tx).not.to.emit(membership, "DelegateVotesChanged");
      expectRecord(await membership.memberOf(erin.address), {
        stage: Stage.Dating3,
        constituency: Constituency.worker,
        mentor: alice.address,
        joinedAt,
      });
      expect(await membership.bindingMembers()).to.equal(4n);
    });

    it("names another mentor without changing the stage", async function () {
      const { membership, admin, bob, erin } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeStage(erin.address, Stage.Dating2, bob.address))
        .to.emit(membership, "MemberStageChanged")
        .withArgs(erin.address, Stage.Dating2, Stage.Dating2, bob.address);
      expect((await membership.memberOf(erin.address)).mentor).to.equal(bob.address);
    });

    it("makes a Dating member Committed, giving them a binding vote", async function () {
      const { membership, admin, erin } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).changeStage(erin.address, Stage.Committed, ZeroAddress);
      await expect(tx)
        .to.emit(membership, "MemberStageChanged")
        .withArgs(erin.address, Stage.Dating2, Stage.Committed, ZeroAddress);
      await expect(tx).to.emit(membership, "DelegateVotesChanged").withArgs(erin.address, 0, 1);
      const at = await minedAt(tx);
      expect(await membership.getVotes(erin.address)).to.equal(1n);
      expect(await membership.bindingMembers()).to.equal(5n);
      await networkHelpers.mine();
      expect(await membership.getPastVotes(erin.address, at - 1n)).to.equal(0n);
      expect(await membership.getPastVotes(erin.address, at)).to.equal(1n);
      expect(await membership.getPastConstituencyVotes(Constituency.worker, at)).to.equal(3n);
    });

    it("takes the vote away from a Committed member moved back to Casual", async function () {
      const { membership, admin, carol } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).changeStage(carol.address, Stage.Casual, ZeroAddress);
      await expect(tx)
        .to.emit(membership, "MemberStageChanged")
        .withArgs(carol.address, Stage.Committed, Stage.Casual, ZeroAddress);
      await expect(tx).to.emit(membership, "DelegateVotesChanged").withArgs(carol.address, 1, 0);
      const at = await minedAt(tx);
      expect(await membership.getVotes(carol.address)).to.equal(0n);
      expect(await membership.bindingMembers()).to.equal(3n);
      await networkHelpers.mine();
      expect(await membership.getPastConstituencyVotes(Constituency.community, at)).to.equal(0n);
      expect(await membership.getPastConstituencyVotes(Constituency.community, at - 1n)).to.equal(1n);
    });

    it("reverts when the account is not a member", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeStage(grace.address, Stage.Committed, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipNotMember")
        .withArgs(grace.address);
    });

    it("reverts when the new stage is None", async function () {
      const { membership, admin, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeStage(alice.address, Stage.None, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidStage")
        .withArgs(Stage.None);
    });

    it("reverts when neither the stage nor the mentor changes", async function () {
      const { membership, admin, alice, erin } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeStage(erin.address, Stage.Dating2, alice.address))
        .to.be.revertedWithCustomError(membership, "MembershipUnchanged")
        .withArgs(erin.address);
      await expect(membership.connect(admin).changeStage(alice.address, Stage.Committed, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipUnchanged")
        .withArgs(alice.address);
    });

    it("reverts when the mentor does not fit the new stage", async function () {
      const { membership, admin, alice, erin, frank } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeStage(erin.address, Stage.Committed, alice.address))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidMentor")
        .withArgs(erin.address, alice.address);
      await expect(membership.connect(admin).changeStage(frank.address, Stage.Dating1, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidMentor")
        .withArgs(frank.address, ZeroAddress);
      await expect(membership.connect(admin).changeStage(frank.address, Stage.Dating1, erin.address))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidMentor")
        .withArgs(frank.address, erin.address);
      await expect(membership.connect(admin).changeStage(alice.address, Stage.Dating3, alice.address))
        .to.be.revertedWithCustomError(membership, "MembershipInvalidMentor")
        .withArgs(alice.address, alice.address);
      // The same change with a valid mentor goes through.
      await expect(membership.connect(admin).changeStage(frank.address, Stage.Dating1, alice.address))
        .to.emit(membership, "MemberStageChanged")
        .withArgs(frank.address, Stage.Casual, Stage.Dating1, alice.address);
    });
  });

  describe("changeConstituency", function () {
    it("moves a Committed member's vote to the new constituency", async function () {
      const { membership, admin, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).changeConstituency(alice.address, Constituency.client);
      await expect(tx)
        .to.emit(membership, "MemberConstituencyChanged")
        .withArgs(alice.address, Constituency.worker, Constituency.client);
      await expect(tx).not.to.emit(membership, "DelegateVotesChanged");
      const at = await minedAt(tx);
      expectRecord(await membership.memberOf(alice.address), {
        stage: Stage.Committed,
        constituency: Constituency.client,
        mentor: ZeroAddress,
      });
      await networkHelpers.mine();
      expect(await membership.getPastConstituencyVotes(Constituency.worker, at)).to.equal(1n);
      expect(await membership.getPastConstituencyVotes(Constituency.client, at)).to.equal(2n);
      expect(await membership.getPastConstituencyVotes(Constituency.worker, at - 1n)).to.equal(2n);
      expect(await membership.getPastTotalSupply(at)).to.equal(4n);
    });

    it("moves a member without a vote without touching the binding counts", async function () {
      const { membership, admin, erin } = await networkHelpers.loadFixture(deployWithAdmin);
      const at = await minedAt(membership.connect(admin).changeConstituency(erin.address, Constituency.community));
      expect((await membership.memberOf(erin.address)).constituency).to.equal(BigInt(Constituency.community));
      await networkHelpers.mine();
      expect(await membership.getPastConstituencyVotes(Constituency.worker, at)).to.equal(2n);
      expect(await membership.getPastConstituencyVotes(Constituency.community, at)).to.equal(1n);
    });

    it("reverts when the account is not a member", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeConstituency(grace.address, Constituency.client))
        .to.be.revertedWithCustomError(membership, "MembershipNotMember")
        .withArgs(grace.address);
    });

    it("reverts when the constituency is unknown", async function () {
      const { membership, admin, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      for (const constituency of [5, 8]) {
        await expect(membership.connect(admin).changeConstituency(alice.address, constituency))
          .to.be.revertedWithCustomError(membership, "MembershipUnknownConstituency")
          .withArgs(constituency);
      }
    });

    it("reverts when the constituency is the member's own", async function () {
      const { membership, admin, carol } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).changeConstituency(carol.address, Constituency.community))
        .to.be.revertedWithCustomError(membership, "MembershipUnchanged")
        .withArgs(carol.address);
    });
  });

  describe("remove", function () {
    it("removes a Committed member with the reason on record", async function () {
      const { membership, admin, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).remove(alice.address, "left the collective's agreements");
      await expect(tx).to.emit(membership, "Transfer").withArgs(alice.address, ZeroAddress, tokenId(alice.address));
      await expect(tx).to.emit(membership, "DelegateVotesChanged").withArgs(alice.address, 1, 0);
      await expect(tx).to.emit(membership, "DelegateChanged").withArgs(alice.address, alice.address, ZeroAddress);
      await expect(tx).to.emit(membership, "MemberRemoved").withArgs(alice.address, "left the collective's agreements");
      const at = await minedAt(tx);

      expect(await membership.isMember(alice.address)).to.equal(false);
      expectRecord(await membership.memberOf(alice.address), {
        stage: Stage.None,
        constituency: 0,
        mentor: ZeroAddress,
        joinedAt: 0n,
      });
      expect(await membership.memberCount()).to.equal(5n);
      expect(await membership.bindingMembers()).to.equal(3n);
      expect(await membership.getVotes(alice.address)).to.equal(0n);
      expect(await membership.delegates(alice.address)).to.equal(ZeroAddress);
      expect(await membership.balanceOf(alice.address)).to.equal(0n);
      await expect(membership.ownerOf(tokenId(alice.address)))
        .to.be.revertedWithCustomError(membership, "ERC721NonexistentToken")
        .withArgs(tokenId(alice.address));
      await networkHelpers.mine();
      expect(await membership.getPastConstituencyVotes(Constituency.worker, at)).to.equal(1n);
      expect(await membership.getPastVotes(alice.address, at - 1n)).to.equal(1n);
      expect(await membership.getPastVotes(alice.address, at)).to.equal(0n);
    });

    it("removes a member without a vote without touching the binding counts", async function () {
      const { membership, admin, frank } = await networkHelpers.loadFixture(deployWithAdmin);
      const tx = membership.connect(admin).remove(frank.address, "inactive");
      await expect(tx).to.emit(membership, "MemberRemoved").withArgs(frank.address, "inactive");
      await expect(tx).not.to.emit(membership, "DelegateVotesChanged");
      expect(await membership.memberCount()).to.equal(5n);
      expect(await membership.bindingMembers()).to.equal(4n);
    });

    it("reverts when the account is not a member", async function () {
      const { membership, admin, alice, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).remove(grace.address, "never joined"))
        .to.be.revertedWithCustomError(membership, "MembershipNotMember")
        .withArgs(grace.address);
      await membership.connect(admin).remove(alice.address, "once");
      await expect(membership.connect(admin).remove(alice.address, "twice"))
        .to.be.revertedWithCustomError(membership, "MembershipNotMember")
        .withArgs(alice.address);
      expect(await membership.memberCount()).to.equal(5n);
    });
  });

  describe("setProfile", function () {
    const URI = "https://coop.example/murmurations.json";
    const HASH = id('{"linked_schemas":["organizations_schema-v1.0.0"],"name":"Demo DisCO"}');

    it("publishes the DisCO's profile, which the SDK's fold reads back from the logs, and withdraws it", async function () {
      const { membership, admin, deployment } = await networkHelpers.loadFixture(deployWithAdmin);
      expect(await membership.profile()).to.deep.equal(["", ZeroHash]);
      await expect(membership.connect(admin).setProfile(URI, HASH))
        .to.emit(membership, "ProfileSet")
        .withArgs(URI, HASH);
      expect(await membership.profile()).to.deep.equal([URI, HASH]);
      const client = publicClient(connection);
      expect((await loadHistory(client, deployment)).state.profile).to.deep.equal({ uri: URI, hash: HASH });

      await expect(membership.connect(admin).setProfile("", ZeroHash))
        .to.emit(membership, "ProfileSet")
        .withArgs("", ZeroHash);
      expect(await membership.profile()).to.deep.equal(["", ZeroHash]);
      expect((await loadHistory(client, deployment)).state.profile).to.equal(undefined);
    });

    it("refuses a URI without its document's hash, or a hash without a URI, and keeps the profile", async function () {
      const { membership, admin } = await networkHelpers.loadFixture(deployWithAdmin);
      await membership.connect(admin).setProfile(URI, HASH);
      for (const [uri, hash] of [
        [URI, ZeroHash],
        ["", HASH],
      ] as const) {
        await expect(membership.connect(admin).setProfile(uri, hash))
          .to.be.revertedWithCustomError(membership, "MembershipInvalidProfile")
          .withArgs(uri, hash);
      }
      expect(await membership.profile()).to.deep.equal([URI, HASH]);
    });
  });

  describe("setConstituencyName", function () {
    it("names a new constituency that members can then join", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).setConstituencyName(5, "researcher"))
        .to.emit(membership, "ConstituencyNamed")
        .withArgs(5, "researcher");
      expect(await membership.constituencyName(5)).to.equal("researcher");
      await expect(membership.connect(admin).admit(grace.address, Stage.Committed, 5, ZeroAddress))
        .to.emit(membership, "MemberAdmitted")
        .withArgs(grace.address, Stage.Committed, 5, ZeroAddress);
    });

    it("retires a constituency with an empty name, closing it to newcomers but not to its members", async function () {
      const { membership, admin, dave, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).setConstituencyName(Constituency.client, ""))
        .to.emit(membership, "ConstituencyNamed")
        .withArgs(Constituency.client, "");
      await expect(membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.client, ZeroAddress))
        .to.be.revertedWithCustomError(membership, "MembershipUnknownConstituency")
        .withArgs(Constituency.client);
      expect((await membership.memberOf(dave.address)).constituency).to.equal(BigInt(Constituency.client));
      expect(await membership.isMember(dave.address)).to.equal(true);
    });

    it("reverts when the constituency id is out of range", async function () {
      const { membership, admin } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(membership.connect(admin).setConstituencyName(8, "ninth"))
        .to.be.revertedWithCustomError(membership, "MembershipUnknownConstituency")
        .withArgs(8);
    });
  });

  describe("leave", function () {
    it("lets a Committed member leave by themself", async function () {
      const { membership, bob } = await networkHelpers.loadFixture(deployDisCO);
      const tx = membership.connect(bob).leave();
      await expect(tx).to.emit(membership, "MemberLeft").withArgs(bob.address);
      await expect(tx).to.emit(membership, "Transfer").withArgs(bob.address, ZeroAddress, tokenId(bob.address));
      await expect(tx).to.emit(membership, "DelegateVotesChanged").withArgs(bob.address, 1, 0);
      await expect(tx).to.emit(membership, "DelegateChanged").withArgs(bob.address, bob.address, ZeroAddress);
      expect(await membership.isMember(bob.address)).to.equal(false);
      expect(await membership.delegates(bob.address)).to.equal(ZeroAddress);
      expect(await membership.memberCount()).to.equal(5n);
      expect(await membership.bindingMembers()).to.equal(3n);
    });

    it("lets a Dating or Casual member leave", async function () {
      const { membership, erin, frank } = await networkHelpers.loadFixture(deployDisCO);
      for (const member of [erin, frank]) {
        const tx = membership.connect(member).leave();
        await expect(tx).to.emit(membership, "MemberLeft").withArgs(member.address);
        await expect(tx).not.to.emit(membership, "DelegateVotesChanged");
      }
      expect(await membership.memberCount()).to.equal(4n);
      expect(await membership.bindingMembers()).to.equal(4n);
    });

    it("reverts when the caller is not a member", async function () {
      const { membership, bob, grace } = await networkHelpers.loadFixture(deployDisCO);
      await expect(membership.connect(grace).leave())
        .to.be.revertedWithCustomError(membership, "MembershipNotMember")
        .withArgs(grace.address);
      await membership.connect(bob).leave();
      await expect(membership.connect(bob).leave())
        .to.be.revertedWithCustomError(membership, "MembershipNotMember")
        .withArgs(bob.address);
    });
  });

  describe("non-transferability", function () {
    it("reverts when a member transfers their token", async function () {
      const { membership, alice, bob, grace } = await networkHelpers.loadFixture(deployDisCO);
      const id = tokenId(alice.address);
      await expect(membership.connect(alice).transferFrom(alice.address, grace.address, id))
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(id);
      await expect(
        membership.connect(alice)["safeTransferFrom(address,address,uint256)"](alice.address, grace.address, id),
      )
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(id);
      await expect(
        membership
          .connect(alice)
          ["safeTransferFrom(address,address,uint256,bytes)"](alice.address, grace.address, id, "0x"),
      )
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(id);
      // Not even to a fellow member, nor to themself.
      await expect(membership.connect(alice).transferFrom(alice.address, bob.address, id))
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(id);
      await expect(membership.connect(alice).transferFrom(alice.address, alice.address, id))
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(id);
    });

    it("knows no owner for an id that is no member's, and refuses to move one by name", async function () {
      const { membership, alice, grace } = await networkHelpers.loadFixture(deployDisCO);
      // Ownership is the member's record: no balance for the zero address, no owner above the address range.
      await expect(membership.balanceOf(ZeroAddress))
        .to.be.revertedWithCustomError(membership, "ERC721InvalidOwner")
        .withArgs(ZeroAddress);
      const beyond = 2n ** 160n + tokenId(alice.address);
      await expect(membership.ownerOf(beyond))
        .to.be.revertedWithCustomError(membership, "ERC721NonexistentToken")
        .withArgs(beyond);
      // Moving a token nobody holds is refused as OpenZeppelin's ERC721 refuses it, and mints nothing.
      const id = tokenId(grace.address);
      await expect(membership.connect(grace).transferFrom(alice.address, grace.address, id))
        .to.be.revertedWithCustomError(membership, "ERC721NonexistentToken")
        .withArgs(id);
      expect(await membership.isMember(grace.address)).to.equal(false);
      expect(await membership.balanceOf(grace.address)).to.equal(0n);
    });

    it("reverts when a member approves anyone", async function () {
      const { membership, alice, grace } = await networkHelpers.loadFixture(deployDisCO);
      const id = tokenId(alice.address);
      await expect(membership.connect(alice).approve(grace.address, id))
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(id);
      await expect(membership.connect(alice).setApprovalForAll(grace.address, true))
        .to.be.revertedWithCustomError(membership, "MembershipNonTransferable")
        .withArgs(0);
    });

    it("locks every membership token (ERC-5192)", async function () {
      const { membership, alice, frank, grace } = await networkHelpers.loadFixture(deployDisCO);
      expect(await membership.locked(tokenId(alice.address))).to.equal(true);
      expect(await membership.locked(tokenId(frank.address))).to.equal(true);
      await expect(membership.locked(tokenId(grace.address)))
        .to.be.revertedWithCustomError(membership, "ERC721NonexistentToken")
        .withArgs(tokenId(grace.address));
    });
  });

  describe("delegation", function () {
    it("makes every member their own delegate and non-members nobody's", async function () {
      const { membership, alice, erin, frank, grace } = await networkHelpers.loadFixture(deployDisCO);
      expect(await membership.delegates(alice.address)).to.equal(alice.address);
      expect(await membership.delegates(erin.address)).to.equal(erin.address);
      expect(await membership.delegates(frank.address)).to.equal(frank.address);
      expect(await membership.delegates(grace.address)).to.equal(ZeroAddress);
    });

    it("reverts when anyone delegates", async function () {
      const { membership, alice, bob } = await networkHelpers.loadFixture(deployDisCO);
      await expect(membership.connect(alice).delegate(bob.address)).to.be.revertedWithCustomError(
        membership,
        "MembershipDelegationDisabled",
      );
      await expect(
        membership.connect(bob).delegateBySig(bob.address, 0, 2n ** 40n, 27, ZeroHash, ZeroHash),
      ).to.be.revertedWithCustomError(membership, "MembershipDelegationDisabled");
    });
  });

  describe("history", function () {
    it("answers past votes, totals, constituency counts and records at each checkpoint", async function () {
      const { membership, admin, alice, erin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      const t0 = await networkHelpers.time.latest();
      await networkHelpers.time.increase(100);
      const t1 = await minedAt(membership.connect(admin).changeStage(erin.address, Stage.Committed, ZeroAddress));
      await networkHelpers.time.increase(100);
      const t2 = await minedAt(membership.connect(admin).remove(alice.address, "moved away"));
      await networkHelpers.mine();

      expect(await membership.getPastTotalSupply(t0)).to.equal(4n);
      expect(await membership.getPastTotalSupply(t1)).to.equal(5n);
      expect(await membership.getPastTotalSupply(t2 - 1n)).to.equal(5n);
      expect(await membership.getPastTotalSupply(t2)).to.equal(4n);
      // After the latest checkpoint (the lookup that skips the search), and for someone who never had one.
      await networkHelpers.time.increase(100);
      const later = BigInt(await networkHelpers.time.latest());
      await networkHelpers.mine();
      expect(await membership.getPastTotalSupply(later)).to.equal(4n);
      expect(await membership.getPastVotes(erin.address, later)).to.equal(1n);
      expect(await membership.getPastConstituencyVotes(Constituency.worker, later)).to.equal(2n);
      expect(await membership.getPastVotes(grace.address, later)).to.equal(0n);
      expectRecord(await membership.pastMemberOf(grace.address, later), {
        stage: Stage.None,
        constituency: 0,
        mentor: ZeroAddress,
      });

      expect(await membership.getPastVotes(erin.address, t1 - 1n)).to.equal(0n);
      expect(await membership.getPastVotes(erin.address, t1)).to.equal(1n);
      expect(await membership.getPastVotes(alice.address, t2 - 1n)).to.equal(1n);
      expect(await membership.getPastVotes(alice.address, t2)).to.equal(0n);

      expect(await membership.getPastConstituencyVotes(Constituency.worker, t0)).to.equal(2n);
      expect(await membership.getPastConstituencyVotes(Constituency.worker, t1)).to.equal(3n);
      expect(await membership.getPastConstituencyVotes(Constituency.worker, t2)).to.equal(2n);
      expect(await membership.getPastConstituencyVotes(7, t2)).to.equal(0n);

      expectRecord(await membership.pastMemberOf(erin.address, t1 - 1n), {
        stage: Stage.Dating2,
        constituency: Constituency.worker,
        mentor: alice.address,
      });
      expectRecord(await membership.pastMemberOf(erin.address, t1), {
        stage: Stage.Committed,
        constituency: Constituency.worker,
        mentor: ZeroAddress,
      });
      expectRecord(await membership.pastMemberOf(alice.address, t2), {
        stage: Stage.None,
        constituency: 0,
        mentor: ZeroAddress,
      });
      expect(await membership.bindingMembers()).to.equal(4n);
    });

    it("reverts when a past lookup asks about now or the future", async function () {
      const { membership, alice } = await networkHelpers.loadFixture(deployDisCO);
      // The founders joined in the latest block (the DisCO's one transaction): a minute on, they were members.
      await networkHelpers.time.increase(60);
      const now = BigInt(await networkHelpers.time.latest());
      expect(await membership.clock()).to.equal(now);
      for (const timepoint of [now, now + 1n, 2n ** 64n]) {
        const lookups = [
          membership.getPastVotes(alice.address, timepoint),
          membership.getPastTotalSupply(timepoint),
          membership.getPastConstituencyVotes(Constituency.worker, timepoint),
          membership.pastMemberOf(alice.address, timepoint),
          membership.voterStatus(alice.address, timepoint),
        ];
        for (const lookup of lookups) {
          await expect(lookup)
            .to.be.revertedWithCustomError(membership, "MembershipFutureLookup")
            .withArgs(timepoint, now);
        }
      }
      expect(await membership.getPastVotes(alice.address, now - 1n)).to.equal(1n);
    });
  });

  describe("indexOf", function () {
    it("numbers admitted addresses from 1 and keeps the number through leaving and rejoining", async function () {
      const { membership, admin, alice, frank, grace, heidi } = await networkHelpers.loadFixture(deployWithAdmin);
      expect(await membership.indexOf(alice.address)).to.equal(1n);
      expect(await membership.indexOf(frank.address)).to.equal(6n);
      expect(await membership.indexOf(grace.address)).to.equal(0n);

      await membership.connect(admin).admit(grace.address, Stage.Casual, Constituency.supporter, ZeroAddress);
      expect(await membership.indexOf(grace.address)).to.equal(7n);
      expect((await membership.memberOf(grace.address)).index).to.equal(7n);

      await membership.connect(grace).leave();
      expect(await membership.indexOf(grace.address)).to.equal(7n);
      // Gone, but the number stays with the address: the record of a former member is stage None with the index.
      const gone = await membership.memberOf(grace.address);
      expect([gone.stage, gone.index]).to.deep.equal([BigInt(Stage.None), 7n]);

      await membership.connect(admin).admit(heidi.address, Stage.Casual, Constituency.supporter, ZeroAddress);
      await membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.worker, ZeroAddress);
      expect(await membership.indexOf(heidi.address)).to.equal(8n);
      expect((await membership.memberOf(grace.address)).index).to.equal(7n);
    });

    it("gives voterStatus the index, also for someone who has left since the snapshot", async function () {
      const { membership, carol } = await networkHelpers.loadFixture(deployWithAdmin);
      const snapshot = await networkHelpers.time.latest();
      await membership.connect(carol).leave();
      expect(await membership.voterStatus(carol.address, snapshot)).to.deep.equal([BigInt(Stage.None), 0n, 3n]);
    });
  });

  describe("voterStatus", function () {
    /** Takes a snapshot timepoint now, then lets a second pass so that it is in the past. */
    async function snapshotNow(): Promise<bigint> {
      const t = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increase(10);
      return t;
    }

    it("gives the stage and constituency held at the snapshot", async function () {
      const { membership, alice, carol, erin, frank, grace } = await networkHelpers.loadFixture(deployDisCO);
      const snapshot = await snapshotNow();
      const status = async (account: string) => {
        const [stage, constituency] = await membership.voterStatus(account, snapshot);
        return [stage, constituency];
      };
      expect(await status(alice.address)).to.deep.equal([BigInt(Stage.Committed), BigInt(Constituency.worker)]);
      expect(await status(carol.address)).to.deep.equal([BigInt(Stage.Committed), BigInt(Constituency.community)]);
      expect(await status(erin.address)).to.deep.equal([BigInt(Stage.Dating2), BigInt(Constituency.worker)]);
      expect(await status(frank.address)).to.deep.equal([BigInt(Stage.Casual), BigInt(Constituency.supporter)]);
      expect(await status(grace.address)).to.deep.equal([BigInt(Stage.None), 0n]);
    });

    it("keeps the snapshot's stage and constituency after a member's record changes", async function () {
      const { membership, admin, carol, erin } = await networkHelpers.loadFixture(deployWithAdmin);
      const snapshot = await snapshotNow();
      await membership.connect(admin).changeStage(erin.address, Stage.Committed, ZeroAddress);
      await membership.connect(admin).changeStage(carol.address, Stage.Casual, ZeroAddress);
      await membership.connect(admin).changeConstituency(carol.address, Constituency.worker);
      const [erinStage] = await membership.voterStatus(erin.address, snapshot);
      const [carolStage, carolConstituency] = await membership.voterStatus(carol.address, snapshot);
      expect(erinStage).to.equal(BigInt(Stage.Dating2));
      expect(carolStage).to.equal(BigInt(Stage.Committed));
      expect(carolConstituency).to.equal(BigInt(Constituency.community));
    });

    it("gives None to a member who has left or been removed since the snapshot", async function () {
      const { membership, admin, carol, dave } = await networkHelpers.loadFixture(deployWithAdmin);
      const snapshot = await snapshotNow();
      await membership.connect(carol).leave();
      await membership.connect(admin).remove(dave.address, "removed");
      const [carolStage, carolConstituency] = await membership.voterStatus(carol.address, snapshot);
      expect(carolStage).to.equal(BigInt(Stage.None));
      expect(carolConstituency).to.equal(0n);
      const [daveStage] = await membership.voterStatus(dave.address, snapshot);
      expect(daveStage).to.equal(BigInt(Stage.None));
      // The history itself still says they were Committed then.
      expect(await membership.getPastVotes(carol.address, snapshot)).to.equal(1n);
    });

    it("gives None to a member who left and rejoined after the snapshot", async function () {
      const { membership, admin, carol } = await networkHelpers.loadFixture(deployWithAdmin);
      const snapshot = await snapshotNow();
      await membership.connect(carol).leave();
      await membership.connect(admin).admit(carol.address, Stage.Committed, Constituency.community, ZeroAddress);
      await networkHelpers.mine();
      const [stage] = await membership.voterStatus(carol.address, snapshot);
      expect(stage).to.equal(BigInt(Stage.None));
      expect(await membership.isMember(carol.address)).to.equal(true);
    });

    it("gives None to someone who joined after the snapshot", async function () {
      const { membership, admin, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      const snapshot = await snapshotNow();
      await membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.worker, ZeroAddress);
      await networkHelpers.mine();
      const [stage] = await membership.voterStatus(grace.address, snapshot);
      expect(stage).to.equal(BigInt(Stage.None));
    });

    it("counts a member who left and rejoined before the snapshot", async function () {
      const { membership, admin, carol } = await networkHelpers.loadFixture(deployWithAdmin);
      await membership.connect(carol).leave();
      await membership.connect(admin).admit(carol.address, Stage.Committed, Constituency.client, ZeroAddress);
      const snapshot = await snapshotNow();
      const [stage, constituency] = await membership.voterStatus(carol.address, snapshot);
      expect(stage).to.equal(BigInt(Stage.Committed));
      expect(constituency).to.equal(BigInt(Constituency.client));
    });
  });

  describe("recoverTokens", function () {
    const AMOUNT = 125_000_000n; // 125 euros of the DemoEuro (6 decimals)

    /** The fixture with grace's 125 euros sent straight to the membership contract by mistake. */
    async function deployWithStrayTokens() {
      const disco = await deployWithAdmin();
      const token = await ethers.getContractAt("DemoEuro", await disco.treasury.currency());
      await (await token.connect(disco.grace).faucet(AMOUNT)).wait();
      await (await token.connect(disco.grace).transfer(await disco.membership.getAddress(), AMOUNT)).wait();
      return { ...disco, token };
    }

    it("sends tokens sent to the membership by mistake on, by the timelock", async function () {
      const { membership, admin, grace, token } = await networkHelpers.loadFixture(deployWithStrayTokens);
      const m = await membership.getAddress();
      expect(await token.balanceOf(m)).to.equal(AMOUNT);
      await expect(membership.connect(admin).recoverTokens(await token.getAddress(), grace.address, AMOUNT))
        .to.emit(membership, "TokensRecovered")
        .withArgs(await token.getAddress(), grace.address, AMOUNT);
      expect(await token.balanceOf(m)).to.equal(0n);
      expect(await token.balanceOf(grace.address)).to.equal(AMOUNT);
    });

    it("reverts RecoveryInvalidRecipient when the recipient is the zero address", async function () {
      const { membership, admin, token } = await networkHelpers.loadFixture(deployWithStrayTokens);
      await expect(membership.connect(admin).recoverTokens(await token.getAddress(), ZeroAddress, AMOUNT))
        .to.be.revertedWithCustomError(membership, "RecoveryInvalidRecipient")
        .withArgs(ZeroAddress);
      expect(await token.balanceOf(await membership.getAddress())).to.equal(AMOUNT);
    });

    it("reverts when anyone but the timelock recovers, a member or the deployer", async function () {
      const { membership, deployer, alice, grace, token } = await networkHelpers.loadFixture(deployWithStrayTokens);
      for (const caller of [deployer, alice, grace]) {
        await expect(membership.connect(caller).recoverTokens(await token.getAddress(), caller.address, AMOUNT))
          .to.be.revertedWithCustomError(membership, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
      expect(await token.balanceOf(await membership.getAddress())).to.equal(AMOUNT);
    });

    it("reverts when asked for more than the contract holds, sending nothing", async function () {
      const { membership, admin, grace, token } = await networkHelpers.loadFixture(deployWithStrayTokens);
      await expect(
        membership.connect(admin).recoverTokens(await token.getAddress(), grace.address, AMOUNT + 1n),
      ).to.be.revertedWithCustomError(token, "ERC20InsufficientBalance");
      expect(await token.balanceOf(await membership.getAddress())).to.equal(AMOUNT);
    });
  });

  describe("views", function () {
    it("uses the address as the token id", async function () {
      const { membership, alice } = await networkHelpers.loadFixture(deployDisCO);
      expect(await membership.tokenIdOf(alice.address)).to.equal(tokenId(alice.address));
      expect(await membership.tokenIdOf(ZeroAddress)).to.equal(0n);
    });

    it("names itself and its clock", async function () {
      const { membership } = await networkHelpers.loadFixture(deployDisCO);
      // The DisCO's name, which its membership token carries.
      expect(await membership.name()).to.equal("Test DisCO");
      expect(await membership.symbol()).to.equal("DISCO");
      expect(await membership.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await membership.clock()).to.equal(BigInt(await networkHelpers.time.latest()));
    });

    it("supports ERC-165, ERC-721, ERC-721 metadata, ERC-5192 and AccessControl", async function () {
      const { membership } = await networkHelpers.loadFixture(deployDisCO);
      expect(await membership.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
      expect(await membership.supportsInterface("0x80ac58cd")).to.equal(true); // ERC-721
      expect(await membership.supportsInterface("0x5b5e139f")).to.equal(true); // ERC-721 metadata
      expect(await membership.supportsInterface("0xb45a3c0e")).to.equal(true); // ERC-5192
      expect(await membership.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
      expect(await membership.supportsInterface("0xffffffff")).to.equal(false);
      expect(await membership.supportsInterface("0x780e9d63")).to.equal(false); // ERC-721 enumerable
    });
  });
});
